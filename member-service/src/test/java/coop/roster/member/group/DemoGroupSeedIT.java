package coop.roster.member.group;

import coop.roster.events.GroupCreated;
import coop.roster.events.Topics;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack's demo group, seeded at every start of the {@code local} profile. */
@AgainstRealServers
@ActiveProfiles("local")
class DemoGroupSeedIT {

  @LocalServerPort
  int port;
  @Autowired
  DemoGroupSeed seed;

  @Test
  void seedsTheAmapDesLilasWithEliseAsCoordinatorAndMemberAgainAndAgain() {
    seed.seed();

    Api elise = new RosterFixtures(port).coordinatorOf("elise@amap-des-lilas.example", "amap-des-lilas");
    JsonNode group = elise.get("/api/groups/amap-des-lilas").json();
    assertThat(group.get("name").asString()).isEqualTo("AMAP des Lilas");
    assertThat(group.get("coordinators").get(0).asString()).isEqualTo("elise@amap-des-lilas.example");
    JsonNode members = RosterFixtures.list(elise, "amap-des-lilas", "?q=elise");
    assertThat(members.get("total").asInt()).isEqualTo(1);
    assertThat(members.at("/members/0/person/firstName").asString()).isEqualTo("Élise");
    assertThat(members.at("/members/0/person/lastName").asString()).isEqualTo("Dupré");
    // Announced at the start and again by the second seeding, as the same event: harmless when replayed. (When
    // the first announcement is still in the outbox as the second is written, both leave it with the one send.)
    List<GroupCreated> announced = Kafka.await(Topics.GROUPS, GroupCreated.class,
        e -> e.groupId().equals("amap-des-lilas"), 2);
    assertThat(announced).isNotEmpty();
    assertThat(announced).extracting(GroupCreated::eventId).containsOnly(announced.getFirst().eventId());
  }
}

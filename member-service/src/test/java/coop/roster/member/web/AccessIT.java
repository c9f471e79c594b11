package coop.roster.member.web;

import coop.roster.events.GroupCoordinatorsChanged;
import coop.roster.events.GroupCreated;
import coop.roster.events.Topics;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/** Only a group's coordinators, or the platform admin, read or change it. */
@AgainstRealServers
class AccessIT {

  @LocalServerPort
  int port;

  @Test
  void aCoordinatorOfAnotherGroupGets403() {
    RosterFixtures roster = new RosterFixtures(port);
    String lilas = RosterFixtures.newGroupId("lilas");
    Api lilasCoordinator = roster.newGroup(lilas);
    String memberId = RosterFixtures.addMember(lilasCoordinator, lilas, person("Jeanne", "Martin", newEmail("jeanne")));
    String other = RosterFixtures.newGroupId("other");
    Api stranger = roster.newGroup(other);

    for (Api.Answer answer : new Api.Answer[] {
        stranger.get("/api/groups/" + lilas + "/members"),
        stranger.get("/api/groups/" + lilas + "/members/" + memberId),
        stranger.get("/api/groups/" + lilas + "/members/export"),
        stranger.post("/api/groups/" + lilas + "/members", person("Eve", "Intruse", newEmail("eve"))),
        stranger.delete("/api/groups/" + lilas + "/members/" + memberId),
        stranger.post("/api/groups/" + lilas + "/invitations", Map.of("selection", "ALL")),
        stranger.post("/api/groups/" + lilas + "/coordinators", Map.of("memberId", memberId))}) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(403);
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
    assertThat(lilasCoordinator.get("/api/groups/" + lilas + "/members/" + memberId).status()).isEqualTo(200);
    assertThat(stranger.get("/api/groups").json().findValuesAsString("id")).containsExactly(other);
  }

  @Test
  void anAnonymousCallGets401AndProbesStayOpen() {
    Api anonymous = new Api(port, null);

    Api.Answer answer = anonymous.get("/api/groups/amap-des-lilas/members");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        value -> assertThat(value).startsWith("Bearer"));
    assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(anonymous.get("/v3/api-docs").body()).contains("/api/groups/{groupId}/members");
  }

  @Test
  void onlyThePlatformAdminCreatesAGroupAndItIsAnnounced() {
    RosterFixtures roster = new RosterFixtures(port);
    String groupId = RosterFixtures.newGroupId("created");
    String coordinatorEmail = newEmail("claire");
    Map<String, Object> group = Map.of("id", groupId, "name", "AMAP du Marché",
        "coordinator", Map.of("email", coordinatorEmail, "firstName", "Claire", "lastName", "Dubois"));
    assertThat(roster.coordinatorOf(newEmail("someone"), "x").post("/api/groups", group).status()).isEqualTo(403);

    Api.Answer created = roster.admin().post("/api/groups", group);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(Kafka.await(Topics.GROUPS, GroupCreated.class, e -> e.groupId().equals(groupId), 1))
        .singleElement().satisfies(event -> {
          assertThat(event.name()).isEqualTo("AMAP du Marché");
          assertThat(event.coordinatorEmails()).containsExactly(coordinatorEmail);
        });
    assertThat(roster.admin().post("/api/groups", group).status()).isEqualTo(409);
    Api coordinator = roster.coordinatorOf(coordinatorEmail, groupId);
    assertThat(RosterFixtures.list(coordinator, groupId, "").at("/members/0/person/email").asString())
        .isEqualTo(coordinatorEmail);
  }

  @Test
  void aCoordinatorMakesAnotherMemberCoordinator() {
    RosterFixtures roster = new RosterFixtures(port);
    String groupId = RosterFixtures.newGroupId("coord");
    Api coordinator = roster.newGroup(groupId);
    String email = newEmail("paul");
    String paul = RosterFixtures.addMember(coordinator, groupId, person("Paul", "Bernard", email));

    Api.Answer answer = coordinator.post("/api/groups/" + groupId + "/coordinators", Map.of("memberId", paul));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("coordinators").valueStream().map(n -> n.asString())).contains(email);
    assertThat(Kafka.await(Topics.GROUPS, GroupCoordinatorsChanged.class, e -> e.groupId().equals(groupId), 1))
        .singleElement().satisfies(event -> assertThat(event.coordinatorEmails()).contains(email).hasSize(2));
  }
}

package coop.roster.member.group;

import coop.roster.events.GroupCoordinatorsChanged;
import coop.roster.events.MemberRemoved;
import coop.roster.events.Topics;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static coop.roster.member.support.RosterFixtures.eventually;
import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/** Coordinators named and removed; a group always keeps one. */
@AgainstRealServers
class CoordinatorsIT {

  @LocalServerPort
  int port;

  @Autowired
  MongoTemplate mongo;

  @Test
  void aCoordinatorRemovedLosesTheRightAndTheGroupIsAnnouncedWithoutThem() {
    String groupId = RosterFixtures.newGroupId("rights");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("bertrand");
    String bertrand = RosterFixtures.addMember(api, groupId, person("Bertrand", "Second", email));
    Api.Answer named = api.post("/api/groups/" + groupId + "/coordinators", Map.of("memberId", bertrand));
    assertThat(named.status()).as(named.body()).isEqualTo(200);
    assertThat(coordinators(named.json())).hasSize(2).contains(email);

    Api.Answer removed = api.delete("/api/groups/" + groupId + "/coordinators/" + bertrand);

    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    assertThat(coordinators(removed.json())).hasSize(1).doesNotContain(email);
    List<GroupCoordinatorsChanged> changes = Kafka.await(Topics.GROUPS, GroupCoordinatorsChanged.class,
        e -> e.groupId().equals(groupId), 2);
    assertThat(changes.get(1).coordinatorEmails()).doesNotContain(email).hasSize(1);
    Api.Answer again = api.delete("/api/groups/" + groupId + "/coordinators/" + bertrand);
    assertThat(again.status()).as(again.body()).isEqualTo(404);
  }

  @Test
  void theLastCoordinatorCanBeNeitherRemovedNorDeleted() {
    String groupId = RosterFixtures.newGroupId("last");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String coordinatorEmail = coordinators(api.get("/api/groups/" + groupId).json()).getFirst();
    String coordinator = memberWithEmail(api, groupId, coordinatorEmail);

    Api.Answer removal = api.delete("/api/groups/" + groupId + "/coordinators/" + coordinator);
    Api.Answer deletion = api.delete("/api/groups/" + groupId + "/members/" + coordinator);

    assertThat(removal.status()).as(removal.body()).isEqualTo(409);
    assertThat(removal.json().get("detail").asString())
        .isEqualTo("Le dernier coordinateur d’un groupe ne peut pas être retiré.");
    assertThat(deletion.status()).as(deletion.body()).isEqualTo(409);
    assertThat(api.inLanguage("en").delete("/api/groups/" + groupId + "/coordinators/" + coordinator).json()
        .get("detail").asString()).isEqualTo("The last coordinator of a group cannot be removed.");
    assertThat(coordinators(api.get("/api/groups/" + groupId).json())).containsExactly(coordinatorEmail);
    assertThat(api.get("/api/groups/" + groupId + "/members/" + coordinator).status()).isEqualTo(200);
  }

  @Test
  void deletingAMemberWhoCoordinatesTakesTheirRightInTheSameFlow() {
    String groupId = RosterFixtures.newGroupId("leaving");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("lea");
    String lea = RosterFixtures.addMember(api, groupId, person("Léa", "Départ", email));
    api.post("/api/groups/" + groupId + "/coordinators", Map.of("memberId", lea));

    Api.Answer deleted = api.delete("/api/groups/" + groupId + "/members/" + lea);

    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    assertThat(coordinators(api.get("/api/groups/" + groupId).json())).hasSize(1).doesNotContain(email);
    assertThat(Kafka.await(Topics.GROUPS, GroupCoordinatorsChanged.class, e -> e.groupId().equals(groupId), 2)
        .get(1).coordinatorEmails()).doesNotContain(email);
    assertThat(Kafka.await(Topics.MEMBERS_ROSTER, MemberRemoved.class, e -> e.memberId().equals(lea), 1)).hasSize(1);
    eventually(() -> mongo.findById(lea, org.bson.Document.class, "members") == null,
        "the removed member's document gone once its removal was sent");
  }

  private static List<String> coordinators(JsonNode group) {
    return group.get("coordinators").valueStream().map(JsonNode::asString).toList();
  }

  private static String memberWithEmail(Api api, String groupId, String email) {
    JsonNode items = RosterFixtures.list(api, groupId, "").get("members");
    return items.valueStream().filter(item -> email.equals(item.at("/person/email").asString())).findFirst()
        .orElseThrow().get("id").asString();
  }
}

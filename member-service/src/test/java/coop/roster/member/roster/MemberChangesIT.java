package coop.roster.member.roster;

import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/** The group's history of members added, edited and removed by hand. */
@AgainstRealServers
class MemberChangesIT {

  @LocalServerPort
  int port;

  @Test
  void theHistoryListsWhoAddedEditedAndRemovedWhomNewestFirst() {
    String groupId = RosterFixtures.newGroupId("changes");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String jeanne = RosterFixtures.addMember(api, groupId, person("Jeanne", "Martin", newEmail("jeanne")));
    String paulEmail = newEmail("paul");
    String paul = RosterFixtures.addMember(api, groupId, person("Paul", "Durand", paulEmail));
    assertThat(api.put("/api/groups/" + groupId + "/members/" + paul,
        person("Paul", "Durand-Petit", paulEmail)).status()).isEqualTo(200);
    assertThat(api.delete("/api/groups/" + groupId + "/members/" + jeanne).status()).isEqualTo(204);

    JsonNode history = api.get("/api/groups/" + groupId + "/member-changes").json();

    // The oldest: the group's first coordinator, added by the platform administrator when the group was created.
    assertThat(history.get("total").asLong()).isEqualTo(5);
    assertThat(history.get("items").get(4).get("memberName").asString()).isEqualTo("Claire Coordinatrice");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JsonNode change = history.get("items").get(i);
      assertThat(change.get("byName").asString()).isEqualTo("Test Coordinator");
      assertThat(change.get("by").asString()).endsWith("@example.org");
      assertThat(change.get("at").asString()).isNotBlank();
      lines.add(change.get("kind").asString() + " " + change.get("memberId").asString() + " "
          + (change.hasNonNull("memberName") ? change.get("memberName").asString() : ""));
    }
    assertThat(lines).as("newest first; a removed member's name is no longer kept").containsExactly(
        "REMOVED " + jeanne + " ", "EDITED " + paul + " Paul Durand-Petit", "ADDED " + paul + " Paul Durand",
        "ADDED " + jeanne + " ");
    JsonNode secondPage = api.get("/api/groups/" + groupId + "/member-changes?page=1&size=3").json();
    assertThat(secondPage.get("items").size()).isEqualTo(2);
  }

  @Test
  void anotherGroupsCoordinatorCannotReadTheHistory() {
    RosterFixtures fixtures = new RosterFixtures(port);
    String groupId = RosterFixtures.newGroupId("mine");
    fixtures.newGroup(groupId);
    Api other = fixtures.coordinatorOf(newEmail("other"), RosterFixtures.newGroupId("other"));

    assertThat(other.get("/api/groups/" + groupId + "/member-changes").status()).isEqualTo(403);
  }
}

package coop.roster.member.invitation;

import coop.roster.events.InvitationFailed;
import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.Topics;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static coop.roster.member.support.RosterFixtures.eventually;
import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/** "Envoyer des invitations", on the real broker. */
@AgainstRealServers
class InvitationRequestIT {

  @LocalServerPort
  int port;

  @Test
  void anInvitationRequestPublishesExactlyOneEventPerMember() {
    String groupId = RosterFixtures.newGroupId("invite");
    Api api = new RosterFixtures(port).newGroup(groupId);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(RosterFixtures.addMember(api, groupId, person("Prénom" + i, "Nom" + i, newEmail("m" + i))));
    }

    Api.Answer answer = api.post("/api/groups/" + groupId + "/invitations", Map.of("selection", "NEVER_LOGGED_IN"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    String requestId = answer.json().get("requestId").asString();
    // The three members; the coordinator has logged in.
    assertThat(answer.json().get("count").asInt()).isEqualTo(3);
    List<InvitationRequested> events = Kafka.await(Topics.INVITATIONS_REQUESTED, InvitationRequested.class,
        e -> e.requestId().equals(requestId), 3);
    assertThat(events).extracting(InvitationRequested::memberId).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(events).allSatisfy(event -> {
      assertThat(event.groupId()).isEqualTo(groupId);
      assertThat(event.groupName()).isEqualTo("Groupe " + groupId);
      assertThat(event.locale()).isEqualTo("fr");
      assertThat(event.inviterName()).isEqualTo("Test Coordinator");
      assertThat(event.email()).endsWith("@example.org");
    });
  }

  @Test
  void theGroupsRequestsAreListedNewestFirstWithWhoWhichSelectionAndHowMany() {
    String groupId = RosterFixtures.newGroupId("listed");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String anne = RosterFixtures.addMember(api, groupId, person("Anne", "Une", newEmail("anne")));
    RosterFixtures.addMember(api, groupId, person("Bruno", "Deux", newEmail("bruno")));
    String first = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(anne)))
        .json().get("requestId").asString();
    String second = api.post("/api/groups/" + groupId + "/invitations", Map.of("selection", "NEVER_INVITED"))
        .json().get("requestId").asString();

    JsonNode history = api.get("/api/groups/" + groupId + "/invitations").json();

    assertThat(history.get("total").asLong()).isEqualTo(2);
    JsonNode newest = history.get("items").get(0);
    assertThat(newest.get("requestId").asString()).isEqualTo(second);
    assertThat(newest.get("selection").asString()).isEqualTo("NEVER_INVITED");
    assertThat(newest.get("count").asInt()).isEqualTo(1);
    assertThat(newest.get("requestedByName").asString()).isEqualTo("Test Coordinator");
    JsonNode older = history.get("items").get(1);
    assertThat(older.get("requestId").asString()).isEqualTo(first);
    assertThat(older.hasNonNull("selection")).as("members chosen one by one").isFalse();
    assertThat(older.get("count").asInt()).isEqualTo(1);
  }

  @Test
  void pressingAgainWhileInvitationsAreInFlightQueuesNothingTwice() {
    String groupId = RosterFixtures.newGroupId("again");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String sentEmail = newEmail("sent");
    String sent = RosterFixtures.addMember(api, groupId, person("Anne", "Envoyée", sentEmail));
    String failedEmail = newEmail("failed");
    String failed = RosterFixtures.addMember(api, groupId, person("Bruno", "Échoué", failedEmail));
    String waiting = RosterFixtures.addMember(api, groupId, person("Chloé", "Attente", newEmail("waiting")));
    String first = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds",
        List.of(sent, failed, waiting))).json().get("requestId").asString();

    JsonNode again = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds",
        List.of(sent, failed, waiting))).json();
    assertThat(again.get("count").asInt()).isZero();

    Instant now = Instant.now();
    Kafka.publish(new InvitationSent(UUID.randomUUID(), now, first, groupId, sent, sentEmail, now.plusSeconds(60)),
        new InvitationFailed(UUID.randomUUID(), now, first, groupId, failed, failedEmail,
            InvitationFailed.Failure.PERMANENT, "550 no such user"));
    eventually(() -> {
      JsonNode progress = api.get("/api/groups/" + groupId + "/invitations/" + first).json();
      return progress.get("sent").asInt() == 1 && progress.get("failed").asInt() == 1;
    }, "progress of the first request");
    assertThat(api.get("/api/groups/" + groupId + "/invitations/" + first).json().get("requested").asInt())
        .isEqualTo(3);

    JsonNode third = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds",
        List.of(sent, failed, waiting))).json();
    assertThat(third.get("count").asInt()).isEqualTo(2);
    String thirdId = third.get("requestId").asString();
    assertThat(Kafka.await(Topics.INVITATIONS_REQUESTED, InvitationRequested.class,
        e -> e.groupId().equals(groupId), 5)).hasSize(5)
        .filteredOn(e -> e.requestId().equals(thirdId)).extracting(InvitationRequested::memberId)
        .containsExactlyInAnyOrder(sent, failed);
    assertThat(api.get("/api/groups/" + groupId + "/invitations/" + again.get("requestId").asString()).json()
        .get("requested").asInt()).isZero();
  }

  @Test
  void aStatusOfAnEarlierRequestOrAnOlderStatusChangesNothing() {
    String groupId = RosterFixtures.newGroupId("status");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("dora");
    String dora = RosterFixtures.addMember(api, groupId, person("Dora", "Late", email));
    String requestId = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(dora)))
        .json().get("requestId").asString();
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    Kafka.publish(new InvitationSent(UUID.randomUUID(), now, requestId, groupId, dora, email, now),
        new InvitationFailed(UUID.randomUUID(), now.minusSeconds(30), requestId, groupId, dora, email,
            InvitationFailed.Failure.TRANSIENT, "timeout"),
        new InvitationFailed(UUID.randomUUID(), now.plusSeconds(5), "an-earlier-request", groupId, dora, email,
            InvitationFailed.Failure.PERMANENT, "old"));
    eventually(() -> "SENT".equals(api.get("/api/groups/" + groupId + "/members/" + dora).json()
        .at("/invitation/state").asString()), "sent recorded");
    Kafka.publish(new InvitationSent(UUID.randomUUID(), now.plusSeconds(1), requestId, groupId, dora, email, now));
    eventually(() -> api.get("/api/groups/" + groupId + "/members/" + dora).json().at("/invitation/lastSentAt")
        .asString().equals(now.plusSeconds(1).toString()), "later sent recorded");

    JsonNode invitation = api.get("/api/groups/" + groupId + "/members/" + dora).json().get("invitation");
    assertThat(invitation.get("state").asString()).isEqualTo("SENT");
    assertThat(invitation.get("lastRequestId").asString()).isEqualTo(requestId);
    assertThat(invitation.path("failureReason").isNull() || invitation.path("failureReason").isMissingNode())
        .isTrue();
  }
}

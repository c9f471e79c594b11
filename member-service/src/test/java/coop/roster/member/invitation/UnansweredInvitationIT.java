package coop.roster.member.invitation;

import coop.roster.events.InvitationRequested;
import coop.roster.events.Topics;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static coop.roster.member.support.RosterFixtures.eventually;
import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/** An invitation invitation-service never answers (none runs here): asked once more, then reported failed. */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "roster.invitations.answer-timeout=PT3S", "roster.invitations.sweep-interval=PT1S",
    "roster.outbox.poll-interval=PT1S", "roster.outbox.lease=PT5S"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UnansweredInvitationIT {

  @LocalServerPort
  int port;

  @Test
  void anUnansweredInvitationIsRequestedOnceMoreWithTheSameRequestThenMarkedFailed() {
    String groupId = RosterFixtures.newGroupId("unanswered");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String member = RosterFixtures.addMember(api, groupId, person("Ulysse", "Sansréponse", newEmail("ulysse")));

    String requestId = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(member)))
        .json().get("requestId").asString();

    eventually(() -> "FAILED".equals(api.get("/api/groups/" + groupId + "/members/" + member).json()
        .at("/invitation/state").asString()), "the invitation marked failed");
    List<InvitationRequested> requested = Kafka.await(Topics.INVITATIONS_REQUESTED, InvitationRequested.class,
        e -> e.memberId().equals(member), 2, Duration.ofSeconds(60), Duration.ofSeconds(3));
    assertThat(requested).hasSize(2).extracting(InvitationRequested::requestId).containsOnly(requestId);
    assertThat(requested).extracting(InvitationRequested::eventId).doesNotHaveDuplicates();
    // The same invitation, asked again (its time as MongoDB kept it: to the millisecond).
    assertThat(requested.get(1)).usingRecursiveComparison().ignoringFields("eventId", "occurredAt")
        .isEqualTo(requested.get(0));
    JsonNode invitation = api.get("/api/groups/" + groupId + "/members/" + member).json().get("invitation");
    assertThat(invitation.get("failureReason").asString()).startsWith("no-answer:");
    JsonNode progress = api.get("/api/groups/" + groupId + "/invitations/" + requestId).json();
    assertThat(progress.get("failed").asInt()).isEqualTo(1);
  }
}

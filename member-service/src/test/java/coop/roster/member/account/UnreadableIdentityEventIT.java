package coop.roster.member.account;

import coop.roster.events.MemberLoggedIn;
import coop.roster.events.Topics;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static coop.roster.member.support.RosterFixtures.eventually;
import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/** What Keycloak's listener reports, when one of its records cannot be read. */
@AgainstRealServers
class UnreadableIdentityEventIT {

  @LocalServerPort
  int port;

  @Test
  void anUnreadableEventGoesToTheDeadLetterTopicAndTheNextLoginIsRecorded() {
    String groupId = RosterFixtures.newGroupId("dlq");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("jeanne");
    String jeanne = RosterFixtures.addMember(api, groupId, person("Jeanne", "Martin", email));
    byte[] garbage = ("not json at all " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

    Kafka.publishRaw(Topics.IDENTITY_EVENTS, email, garbage);
    Kafka.publish(new MemberLoggedIn(UUID.randomUUID(), Instant.now(), "kc-1", email));

    eventually(() -> !api.get("/api/groups/" + groupId + "/members/" + jeanne).json().at("/account/lastLoginAt")
        .isMissingNode(), "the login after the unreadable record is recorded");
    assertThat(Kafka.awaitRecords(Topics.deadLetter(Topics.IDENTITY_EVENTS), value -> Arrays.equals(value, garbage),
        1, Duration.ofSeconds(60), Duration.ZERO)).hasSize(1);
  }
}

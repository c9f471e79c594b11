package coop.roster.member.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.InvitationSent;
import coop.roster.events.MemberCreated;
import coop.roster.events.MemberLoggedIn;
import coop.roster.events.Person;
import coop.roster.events.RosterEvent;
import coop.roster.events.Topics;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Kafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that read well but can never be processed (ids missing) go to their topic's DLQ at once, on each of the
 * three consumers, instead of being retried for about ten minutes while their partition waits.
 */
@AgainstRealServers
class PoisonRecordsIT {

  /** Far less than the retries' ten minutes, and than the first few back-offs added up. */
  private static final Duration AT_ONCE = Duration.ofSeconds(30);

  @Test
  void anImportRowWithoutImportIdGoesToTheDeadLetterTopicAtOnce() {
    String marker = "poison-" + UUID.randomUUID();
    MemberCreated row = new MemberCreated(UUID.randomUUID(), Instant.now(), null, 1, null,
        new Person("Paul", "Poison", marker + "@example.org", null), null, null, null);
    assertGoesToDeadLetters(Topics.MEMBERS_CREATED, marker, row);
  }

  @Test
  void anInvitationStatusWithoutIdsGoesToTheDeadLetterTopicAtOnce() {
    String marker = "poison-" + UUID.randomUUID() + "@example.org";
    assertGoesToDeadLetters(Topics.INVITATIONS_STATUS, marker,
        new InvitationSent(UUID.randomUUID(), Instant.now(), null, null, null, marker, Instant.now()));
  }

  @Test
  void aLoginWithoutTimeGoesToTheDeadLetterTopicAtOnce() {
    String marker = "poison-" + UUID.randomUUID() + "@example.org";
    assertGoesToDeadLetters(Topics.IDENTITY_EVENTS, marker, new MemberLoggedIn(UUID.randomUUID(), null, "kc", marker));
  }

  private static void assertGoesToDeadLetters(String topic, String key, RosterEvent poison) {
    byte[] value = EventJson.write(poison);
    Kafka.publishRaw(topic, key, value);
    assertThat(Kafka.awaitRecords(Topics.deadLetter(topic), dead -> Arrays.equals(dead, value), 1, AT_ONCE,
        Duration.ZERO)).hasSize(1);
  }
}

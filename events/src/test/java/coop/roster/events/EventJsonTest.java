package coop.roster.events;

import coop.roster.events.ImportRowOutcome.Outcome;
import coop.roster.events.InvitationFailed.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

  private static final Instant AT = Instant.parse("2026-11-25T09:30:00.123456Z");
  private static final Person ALICE = new Person("Alice", "Martin", "alice@example.org", "06 12 34 56 78");
  private static final Person BOB = new Person("Bob", "Martin", "bob@example.org", null);
  private static final Address ADDRESS = new Address("12 rue des Lilas", null, "75020", "Paris");

  static Stream<RosterEvent> everyEvent() {
    return Stream.of(
        new MemberCreated(id(), AT, "imp-1", 7, "g-1", ALICE, BOB, ADDRESS, ExistingMemberPolicy.UPDATE),
        new ImportRowOutcome(id(), AT, "imp-1", 7, "g-1", "m-1", Outcome.REJECTED, "adresse e-mail invalide"),
        new ImportRowOutcome(id(), AT, "imp-1", 8, "g-1", "m-2", Outcome.CREATED, null, "m-3", Outcome.CREATED),
        new MemberAdded(id(), AT, "m-1", "g-1", ALICE, null, ADDRESS, MemberSource.IMPORT, "imp-1"),
        new MemberUpdated(id(), AT, "m-1", "g-1", ALICE, BOB, null),
        new MemberRemoved(id(), AT, "m-1", "g-1", "alice@example.org"),
        new InvitationRequested(id(), AT, "req-1", "g-1", "m-1", "alice@example.org", "Alice", "Martin",
            "fr", "AMAP des Lilas", "Élise Dupré", "elise@example.org"),
        new InvitationRequested(id(), AT, "req-2", "g-1", "m-1", "alice@example.org", "Alice", "Martin",
            "fr", "AMAP des Lilas", "Élise Dupré", "elise@example.org", "À samedi !\n<b>Élise</b>",
            AT.minusSeconds(86_400)),
        new InvitationSent(id(), AT, "req-1", "g-1", "m-1", "alice@example.org", AT.plusSeconds(3600)),
        new InvitationFailed(id(), AT, "req-1", "g-1", "m-1", "alice@example.org", Failure.PERMANENT,
            "550 mailbox unavailable"),
        new MemberLoggedIn(id(), AT, "kc-1", "alice@example.org"),
        new PasswordSet(id(), AT, "kc-1", "alice@example.org"),
        new GroupCreated(id(), AT, "g-1", "AMAP des Lilas", "amap-des-lilas", List.of("elise@example.org")),
        new GroupCoordinatorsChanged(id(), AT, "g-1", "AMAP des Lilas",
            List.of("elise@example.org", "alice@example.org")),
        new MemberCreated(id(), AT, "imp-1", 8, "g-1", BOB, null, null, ExistingMemberPolicy.SKIP, "en"),
        new MemberAdded(id(), AT, "m-2", "g-1", BOB, null, null, MemberSource.MANUAL, null, "en"),
        new MemberUpdated(id(), AT, "m-2", "g-1", BOB, null, null, "fr"));
  }

  @ParameterizedTest
  @MethodSource("everyEvent")
  void everyEventReadsBackEqualToWhatWasWritten(RosterEvent event) {
    byte[] json = EventJson.write(event);

    assertThat(EventJson.read(json, RosterEvent.class)).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("everyEvent")
  void everyEventCarriesItsTypeVersionIdAndTime(RosterEvent event) {
    String json = new String(EventJson.write(event), StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"type\":\"" + event.getClass().getSimpleName() + "\"")
        .contains("\"version\":1")
        .contains("\"eventId\":\"" + event.eventId() + "\"")
        .contains("\"occurredAt\":\"2026-11-25T09:30:00.123456Z\"");
  }

  @ParameterizedTest
  @MethodSource("everyEvent")
  void everyEventHasATopicAndAKey(RosterEvent event) {
    assertThat(event.topic()).endsWith(".v1");
    assertThat(event.key()).isNotBlank();
  }

  @Test
  void anOutcomeWrittenBeforePartnersWereMembersStillReadsAsOnePerson() {
    String json = """
        {"type":"ImportRowOutcome","version":1,"eventId":"6f1c2f0e-8d47-4a57-9a55-1b7cf6f5a0a1",
         "occurredAt":"2026-11-25T09:30:00Z","importId":"imp-1","rowNumber":7,"groupId":"g-1","memberId":"m-1",
         "outcome":"CREATED"}
        """;

    ImportRowOutcome event = EventJson.read(json.getBytes(StandardCharsets.UTF_8), ImportRowOutcome.class);

    assertThat(event.partnerMemberId()).isNull();
    assertThat(event.partnerOutcome()).isNull();
    assertThat(event.people()).isEqualTo(1);
  }

  @Test
  void anInvitationRequestedWrittenBeforeNotesAndRemindersReadsAsAFirstInvitationWithoutNote() {
    String json = """
        {"type":"InvitationRequested","version":1,"eventId":"6f1c2f0e-8d47-4a57-9a55-1b7cf6f5a0a1",
         "occurredAt":"2026-11-25T09:30:00Z","requestId":"req-1","groupId":"g-1","memberId":"m-1",
         "email":"alice@example.org","firstName":"Alice","lastName":"Martin","locale":"fr",
         "groupName":"AMAP des Lilas","inviterName":"Élise Dupré","inviterEmail":"elise@example.org"}
        """;

    InvitationRequested event = EventJson.read(json.getBytes(StandardCharsets.UTF_8), InvitationRequested.class);

    assertThat(event.email()).isEqualTo("alice@example.org");
    assertThat(event.note()).isNull();
    assertThat(event.reminderOf()).isNull();
  }

  @Test
  void anEventWithAFieldThisVersionDoesNotKnowStillReads() {
    String json = """
        {"type":"MemberLoggedIn","version":1,"eventId":"6f1c2f0e-8d47-4a57-9a55-1b7cf6f5a0a1",
         "occurredAt":"2026-11-25T09:30:00Z","userId":"kc-1","email":"alice@example.org",
         "ipAddress":"192.0.2.1","client":{"id":"gateway"}}
        """;

    MemberLoggedIn event = EventJson.read(json.getBytes(StandardCharsets.UTF_8), MemberLoggedIn.class);

    assertThat(event.email()).isEqualTo("alice@example.org");
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-25T09:30:00Z"));
  }

  @Test
  void aMemberEventWrittenBeforeLanguagesExistedReadsWithoutOne() {
    String json = """
        {"type":"MemberAdded","version":1,"eventId":"6f1c2f0e-8d47-4a57-9a55-1b7cf6f5a0a1",
         "occurredAt":"2026-11-25T09:30:00Z","memberId":"m-1","groupId":"g-1",
         "person":{"firstName":"Alice","lastName":"Martin","email":"alice@example.org"},"source":"IMPORT"}
        """;

    MemberAdded event = EventJson.read(json.getBytes(StandardCharsets.UTF_8), MemberAdded.class);

    assertThat(event.person().email()).isEqualTo("alice@example.org");
    assertThat(event.language()).isNull();
  }

  @Test
  void aTopicWithSeveralEventsIsReadThroughItsCommonType() {
    RosterChange removed = new MemberRemoved(id(), AT, "m-1", "g-1", "alice@example.org");

    RosterChange read = EventJson.read(EventJson.write(removed), RosterChange.class);

    assertThat(read).isInstanceOf(MemberRemoved.class).isEqualTo(removed);
  }

  @Test
  void anEventOfAnotherTopicIsRefused() {
    byte[] loggedIn = EventJson.write(new MemberLoggedIn(id(), AT, "kc-1", "alice@example.org"));

    assertThatThrownBy(() -> EventJson.read(loggedIn, RosterChange.class))
        .isInstanceOf(UnreadableEventException.class);
  }

  @Test
  void garbageIsAnUnreadableEvent() {
    assertThatThrownBy(() -> EventJson.read("not json".getBytes(StandardCharsets.UTF_8), RosterEvent.class))
        .isInstanceOf(UnreadableEventException.class);
    assertThatThrownBy(() -> EventJson.read("{\"type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8),
        RosterEvent.class))
        .isInstanceOf(UnreadableEventException.class);
  }

  @Test
  void keysFollowTheDesign() {
    MemberCreated row = new MemberCreated(id(), AT, "imp-1", 2, "g-1",
        new Person("A", "B", "  Alice@Example.ORG ", null), null, null, ExistingMemberPolicy.SKIP);

    assertThat(row.key()).isEqualTo("g-1:alice@example.org");
    assertThat(new MemberLoggedIn(id(), AT, "kc", "Alice@Example.org").key()).isEqualTo("alice@example.org");
  }

  private static UUID id() {
    return UUID.randomUUID();
  }
}

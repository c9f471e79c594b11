package coop.roster.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.MemberLoggedIn;
import coop.roster.events.UnreadableEventException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventRecordsTest {

  private static final byte[] GARBAGE = "not json".getBytes(StandardCharsets.UTF_8);

  private final List<List<MemberLoggedIn>> handled = new ArrayList<>();

  @Test
  void handsEveryRecordOfABatchOnInOneCallInTheirOrder() {
    MemberLoggedIn alice = login("alice@example.org");
    MemberLoggedIn bob = login("bob@example.org");

    EventRecords.readBatch(List.of(bytes(alice), bytes(bob)), MemberLoggedIn.class, handled::add);

    assertThat(handled).containsExactly(List.of(alice, bob));
  }

  @Test
  void handlesTheRecordsBeforeAnUnreadableOneThenNamesItsIndex() {
    MemberLoggedIn alice = login("alice@example.org");
    MemberLoggedIn bob = login("bob@example.org");
    MemberLoggedIn carol = login("carol@example.org");

    assertThatThrownBy(() -> EventRecords.readBatch(List.of(bytes(alice), bytes(bob), GARBAGE, bytes(carol)),
        MemberLoggedIn.class, handled::add))
        .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
          assertThat(e.getIndex()).isEqualTo(2);
          assertThat(e).hasMessageContaining("unreadable MemberLoggedIn")
              .hasCauseInstanceOf(UnreadableEventException.class);
        });
    assertThat(handled).containsExactly(List.of(alice, bob));
  }

  @Test
  void handlesNothingWhenTheFirstRecordIsUnreadable() {
    assertThatThrownBy(() -> EventRecords.readBatch(List.of(GARBAGE, bytes(login("alice@example.org"))),
        MemberLoggedIn.class, handled::add))
        .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isZero());
    assertThat(handled).isEmpty();
  }

  @Test
  void handlesNothingForAnEmptyBatch() {
    EventRecords.readBatch(List.of(), MemberLoggedIn.class, handled::add);

    assertThat(handled).isEmpty();
  }

  @Test
  void aRecordConsumerHandsOnTheEventItRead() {
    MemberLoggedIn alice = login("alice@example.org");
    List<MemberLoggedIn> received = new ArrayList<>();

    EventRecords.reading(MemberLoggedIn.class, received::add).accept(bytes(alice));

    assertThat(received).containsExactly(alice);
  }

  @Test
  void aRecordConsumerThrowsUnreadableEventExceptionForAnUnreadableRecord() {
    List<MemberLoggedIn> received = new ArrayList<>();

    assertThatThrownBy(() -> EventRecords.reading(MemberLoggedIn.class, received::add).accept(GARBAGE))
        .isInstanceOf(UnreadableEventException.class);
    assertThat(received).isEmpty();
  }

  private static MemberLoggedIn login(String email) {
    return new MemberLoggedIn(UUID.randomUUID(), Instant.parse("2026-11-25T09:30:00Z"), "kc-" + email, email);
  }

  private static byte[] bytes(MemberLoggedIn event) {
    return EventJson.write(event);
  }
}

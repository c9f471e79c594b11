package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandledEventsTest {

  private final HandledEvents handled = new HandledEvents();

  @Test
  void anEventTheFastPathHoldsOrDeliveredIsLeftAloneByTheRelay() {
    IdentityEvent waiting = PendingEventsTest.login(Instant.parse("2026-12-06T10:00:00Z"));
    IdentityEvent sent = PendingEventsTest.login(Instant.parse("2026-12-06T10:00:01Z"));

    handled.held(waiting);
    handled.held(sent);
    handled.delivered(List.of(sent));

    assertThat(handled.handled(waiting.eventId())).isTrue();
    assertThat(handled.handled(sent.eventId())).isTrue();
    assertThat(handled.oldestHeld()).contains(waiting.occurredAt());
  }

  @Test
  void anEventTheFastPathGaveUpOnIsTheRelaysAgain() {
    IdentityEvent dropped = PendingEventsTest.login(Instant.parse("2026-12-06T10:00:00Z"));
    handled.held(dropped);

    handled.givenUp(List.of(dropped));

    assertThat(handled.handled(dropped.eventId())).isFalse();
    assertThat(handled.oldestHeld()).isEmpty();
  }

  @Test
  void deliveriesBehindTheWatermarkAreForgotten() {
    IdentityEvent early = PendingEventsTest.login(Instant.parse("2026-12-06T10:00:00Z"));
    IdentityEvent late = PendingEventsTest.login(Instant.parse("2026-12-06T10:05:00Z"));
    handled.delivered(List.of(early, late));

    handled.forgetDeliveredBefore(Instant.parse("2026-12-06T10:01:00Z"));

    assertThat(handled.handled(early.eventId())).isFalse();
    assertThat(handled.handled(late.eventId())).isTrue();
  }
}

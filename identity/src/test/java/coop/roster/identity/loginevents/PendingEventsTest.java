package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import coop.roster.events.MemberLoggedIn;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PendingEventsTest {

  private static final Instant NOW = Instant.parse("2026-03-05T18:30:00Z");
  private final PendingEvents pending = new PendingEvents(3, Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void handsEventsOutOldestFirstInBatches() throws InterruptedException {
    IdentityEvent first = login(NOW);
    IdentityEvent second = login(NOW);
    IdentityEvent third = login(NOW);
    pending.add(first);
    pending.add(second);
    pending.add(third);

    assertThat(pending.take(2, Duration.ZERO)).containsExactly(first, second);
    assertThat(pending.take(2, Duration.ZERO)).containsExactly(third);
    assertThat(pending.take(2, Duration.ofMillis(10))).isEmpty();
  }

  @Test
  void dropsAndCountsANewEventWhenFullRatherThanWaiting() {
    for (int i = 0; i < 3; i++) {
      assertThat(pending.add(login(NOW))).isTrue();
    }

    assertThat(pending.add(login(NOW))).isFalse();
    assertThat(pending.dropped()).isEqualTo(1);
    assertThat(pending.size()).isEqualTo(3);
  }

  @Test
  void putsFailedEventsBackAheadOfNewerOnesInTheirOrder() throws InterruptedException {
    IdentityEvent first = login(NOW);
    IdentityEvent second = login(NOW);
    IdentityEvent newer = login(NOW);
    pending.add(first);
    pending.add(second);
    List<IdentityEvent> failed = pending.take(2, Duration.ZERO);
    pending.add(newer);

    assertThat(pending.putBack(failed)).isEmpty();
    assertThat(pending.take(3, Duration.ZERO)).containsExactly(first, second, newer);
  }

  @Test
  void givesUpOnEventsRetriedLongerThanTheRetryPeriod() throws InterruptedException {
    IdentityEvent stale = login(NOW.minus(Duration.ofMinutes(11)));
    IdentityEvent recent = login(NOW.minus(Duration.ofMinutes(9)));
    pending.add(stale);
    pending.add(recent);

    List<IdentityEvent> givenUp = pending.putBack(pending.take(2, Duration.ZERO));

    assertThat(givenUp).containsExactly(stale);
    assertThat(pending.dropped()).isEqualTo(1);
    assertThat(pending.take(2, Duration.ZERO)).containsExactly(recent);
  }

  @Test
  void givesUpOnFailedEventsWhenNewerOnesFilledTheBuffer() throws InterruptedException {
    IdentityEvent failed = login(NOW);
    pending.add(failed);
    List<IdentityEvent> batch = pending.take(1, Duration.ZERO);
    for (int i = 0; i < 3; i++) {
      pending.add(login(NOW));
    }

    assertThat(pending.putBack(batch)).containsExactly(failed);
    assertThat(pending.dropped()).isEqualTo(1);
  }

  static IdentityEvent login(Instant at) {
    return new MemberLoggedIn(UUID.randomUUID(), at, UUID.randomUUID().toString(), "someone@example.org");
  }
}

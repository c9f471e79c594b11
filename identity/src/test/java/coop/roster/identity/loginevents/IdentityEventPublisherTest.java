package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IdentityEventPublisherTest {

  /** Stands for Kafka: refuses everything while "down", records what it accepts. */
  private static final class SwitchableSender implements EventSender {
    final AtomicBoolean down = new AtomicBoolean();
    final List<IdentityEvent> sent = new CopyOnWriteArrayList<>();

    @Override
    public List<IdentityEvent> send(List<IdentityEvent> batch) {
      if (down.get()) {
        return batch;
      }
      sent.addAll(batch);
      return List.of();
    }

    @Override
    public void close() {
    }
  }

  private final SwitchableSender kafka = new SwitchableSender();

  @Test
  void publishesWithoutEverMakingTheCallerWait() {
    try (IdentityEventPublisher publisher = publisher(10)) {
      IdentityEvent login = PendingEventsTest.login(Instant.now());

      publisher.publish(login);

      await().atMost(Duration.ofSeconds(5)).until(() -> kafka.sent.contains(login));
    }
  }

  @Test
  void keepsEventsWhileKafkaIsDownAndSendsThemOnceItIsBack() {
    kafka.down.set(true);
    try (IdentityEventPublisher publisher = publisher(10)) {
      List<IdentityEvent> logins = List.of(PendingEventsTest.login(Instant.now()),
          PendingEventsTest.login(Instant.now()));

      long begin = System.nanoTime();
      logins.forEach(publisher::publish);
      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(1));
      await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
          .until(() -> publisher.waiting() == 2);
      kafka.down.set(false);

      await().atMost(Duration.ofSeconds(10)).until(() -> kafka.sent.containsAll(logins));
      assertThat(kafka.sent).hasSize(2);
      assertThat(publisher.dropped()).isZero();
    }
  }

  @Test
  void countsWhatDoesNotFitInTheBuffer() {
    kafka.down.set(true);
    try (IdentityEventPublisher publisher = publisher(2)) {
      for (int i = 0; i < 5; i++) {
        publisher.publish(PendingEventsTest.login(Instant.now()));
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> publisher.dropped() >= 3);
    }
  }

  private IdentityEventPublisher publisher(int capacity) {
    return new IdentityEventPublisher(new PendingEvents(capacity, Duration.ofHours(1), Clock.systemUTC()),
        new HandledEvents(), () -> kafka);
  }
}

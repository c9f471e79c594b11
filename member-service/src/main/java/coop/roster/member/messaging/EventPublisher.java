package coop.roster.member.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes events on their own topic, keyed by {@link RosterEvent#key()}, as {@link EventJson} bytes, through
 * Spring Kafka's template (idempotent producer, {@code acks=all}). The template observes each send, so an event
 * published within a record's observation carries that record's trace on. A send answers a future: a batch
 * consumer hands a whole batch to the producer and waits once for all of it ({@link #await}). StreamBridge
 * did the same work through three nested observations and a message channel per event, which cost more than
 * half of the import consumer's time.
 */
@Component
public class EventPublisher {

  /** How long a batch waits for Kafka to take all its events before it fails (and is retried). */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final KafkaOperations<byte[], byte[]> kafka;

  EventPublisher(KafkaOperations<byte[], byte[]> kafka) {
    this.kafka = kafka;
  }

  /** Hands the event to the producer; the future completes once Kafka acknowledged it. */
  public CompletableFuture<?> publish(RosterEvent event) {
    return kafka.send(new ProducerRecord<>(event.topic(), event.key().getBytes(StandardCharsets.UTF_8),
        EventJson.write(event)));
  }

  /** Returns once Kafka acknowledged every one of these sends, or throws. */
  public void await(Collection<? extends CompletableFuture<?>> sends) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not take every event: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge every event within " + PATIENCE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Kafka acknowledged events", e);
    }
  }
}

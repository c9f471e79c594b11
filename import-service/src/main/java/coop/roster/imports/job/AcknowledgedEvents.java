package coop.roster.imports.job;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes events by batches: every event of a batch is handed to Kafka without waiting, then the batch
 * waits once for all their acknowledgements. StreamBridge offers either a wait for each send (the binder's
 * sync mode: one round trip per row, about a thousand rows a second) or no word at all about a send that
 * failed; Spring Kafka's template answers a future per record, which is what a checkpoint needs. Records are
 * what StreamBridge would send: the event's topic and key, its JSON by {@link EventJson}.
 */
@Component
class AcknowledgedEvents {

  private final KafkaOperations<byte[], byte[]> kafka;

  AcknowledgedEvents(KafkaOperations<byte[], byte[]> kafka) {
    this.kafka = kafka;
  }

  /** Returns once Kafka acknowledged every event (idempotent producer, {@code acks=all}), or throws. */
  void publishAll(List<? extends RosterEvent> events, Duration patience) {
    List<CompletableFuture<?>> acknowledgements = new ArrayList<>(events.size());
    for (RosterEvent event : events) {
      acknowledgements.add(kafka.send(new ProducerRecord<>(event.topic(),
          event.key().getBytes(StandardCharsets.UTF_8), EventJson.write(event))));
    }
    try {
      CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
          .get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not take every row: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge every row within " + patience, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Kafka acknowledged a batch", e);
    }
  }
}

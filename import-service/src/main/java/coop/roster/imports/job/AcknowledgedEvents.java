package coop.roster.imports.job;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
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
 *
 * <p>A batch is one observation ({@code roster.events.publish}): its trace context is written into every
 * record's headers (W3C {@code traceparent}), so member-service's work on the batch's rows continues one trace
 * per batch. The template itself observes nothing: a producer span per row cost a fifth of the publisher's time.
 */
@Component
class AcknowledgedEvents {

  private final KafkaTemplate<byte[], byte[]> kafka;
  private final ObservationRegistry observations;
  private final Tracer tracer;
  private final Propagator propagator;

  AcknowledgedEvents(ProducerFactory<byte[], byte[]> producers, ObservationRegistry observations, Tracer tracer,
      Propagator propagator) {
    this.kafka = new KafkaTemplate<>(producers);
    this.observations = observations;
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Returns once Kafka acknowledged every event (idempotent producer, {@code acks=all}), or throws. */
  void publishAll(List<? extends RosterEvent> events, Duration patience) {
    if (events.isEmpty()) {
      return;
    }
    Observation.createNotStarted("roster.events.publish", observations)
        .contextualName(events.getFirst().topic() + " publish")
        .lowCardinalityKeyValue("topic", events.getFirst().topic())
        .highCardinalityKeyValue("events", Integer.toString(events.size()))
        .observe(() -> await(send(events), patience));
  }

  private List<CompletableFuture<?>> send(List<? extends RosterEvent> events) {
    TraceContext trace = tracer.currentTraceContext().context();
    List<CompletableFuture<?>> acknowledgements = new ArrayList<>(events.size());
    for (RosterEvent event : events) {
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(event.topic(),
          event.key().getBytes(StandardCharsets.UTF_8), EventJson.write(event));
      if (trace != null) {
        propagator.inject(trace, record.headers(), AcknowledgedEvents::header);
      }
      acknowledgements.add(kafka.send(record));
    }
    return acknowledgements;
  }

  private static void header(Headers headers, String name, String value) {
    headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void await(List<CompletableFuture<?>> acknowledgements, Duration patience) {
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

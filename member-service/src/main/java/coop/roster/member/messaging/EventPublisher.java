package coop.roster.member.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
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
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes events on their own topic, keyed by {@link RosterEvent#key()}, as {@link EventJson} bytes, through
 * Spring Kafka's template (idempotent producer, {@code acks=all}). A send answers a future: a batch consumer
 * hands a whole batch to the producer and waits once for all of it ({@link #await}). StreamBridge did the same
 * work through three nested observations and a message channel per event, which cost more than half of the
 * import consumer's time.
 *
 * <p>Each event carries the trace of the request or record that caused it: the current trace context is
 * written into the record's headers (W3C {@code traceparent}) by the tracer's propagator. The template does not
 * observe its sends; a producer span per event, 200,000 of them for a 100,000-row import, cost a tenth of the
 * consumer's time and said nothing the record's own span does not.
 */
@Component
public class EventPublisher {

  /** How long a batch waits for Kafka to take all its events before it fails (and is retried). */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final KafkaTemplate<byte[], byte[]> kafka;
  private final Tracer tracer;
  private final Propagator propagator;

  EventPublisher(ProducerFactory<byte[], byte[]> producers, Tracer tracer, Propagator propagator) {
    this.kafka = new KafkaTemplate<>(producers);
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Hands the event to the producer; the future completes once Kafka acknowledged it. */
  public CompletableFuture<?> publish(RosterEvent event) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(event.topic(),
        event.key().getBytes(StandardCharsets.UTF_8), EventJson.write(event));
    TraceContext trace = tracer.currentTraceContext().context();
    if (trace != null) {
      propagator.inject(trace, record.headers(), EventPublisher::header);
    }
    return kafka.send(record);
  }

  private static void header(Headers headers, String name, String value) {
    headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
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

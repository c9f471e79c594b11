package coop.roster.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends events on their own topic, keyed by {@link RosterEvent#key()}, as {@link EventJson} bytes, through a
 * Spring Kafka template on the service's producer (idempotent, {@code acks=all}). A send answers a future, so a
 * batch hands all its events to the producer and waits once for all of them ({@link #await}): StreamBridge
 * offers either a round trip per event or no word about a send that failed.
 *
 * <p>Each event carries the trace of the work that sent it: the current trace context is written into the
 * record's headers (W3C {@code traceparent}) by the tracer's propagator. The template does not observe its
 * sends: a producer span per event, hundreds of thousands for a large import, cost a tenth or more of the
 * sender's time and said nothing its caller's span does not.
 */
public final class EventSender {

  private final KafkaTemplate<byte[], byte[]> kafka;
  private final Tracer tracer;
  private final Propagator propagator;

  public EventSender(ProducerFactory<byte[], byte[]> producers, Tracer tracer, Propagator propagator) {
    this.kafka = new KafkaTemplate<>(producers);
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Hands the event to the producer; the future completes once Kafka acknowledged it. */
  public CompletableFuture<?> send(RosterEvent event) {
    return send(event.topic(), event.key(), EventJson.write(event));
  }

  /** Hands an event already written as {@link EventJson} to the producer, on its topic and with its key. */
  public CompletableFuture<?> send(String topic, String key, byte[] json) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), json);
    TraceContext trace = tracer.currentTraceContext().context();
    if (trace != null) {
      propagator.inject(trace, record.headers(), EventSender::header);
    }
    return kafka.send(record);
  }

  /** Returns once Kafka acknowledged every one of these sends, or throws. */
  public static void await(Collection<? extends CompletableFuture<?>> sends, Duration patience) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not take every event: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge every event within " + patience, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Kafka acknowledged events", e);
    }
  }

  private static void header(Headers headers, String name, String value) {
    headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}

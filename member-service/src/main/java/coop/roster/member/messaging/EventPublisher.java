package coop.roster.member.messaging;

import coop.roster.events.RosterEvent;
import coop.roster.messaging.EventSender;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes member-service's events, each in the trace of the request or record that caused it
 * ({@link EventSender}). The import consumer hands a whole batch to Kafka and waits once for all of it; through
 * StreamBridge, three nested observations and a message channel per event cost more than half of its time.
 */
@Component
public class EventPublisher {

  /** How long a batch waits for Kafka to take all its events before it fails (and is retried). */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final EventSender sender;

  EventPublisher(ProducerFactory<byte[], byte[]> producers, Tracer tracer, Propagator propagator) {
    this.sender = new EventSender(producers, tracer, propagator);
  }

  /** Hands the event to the producer; the future completes once Kafka acknowledged it. */
  public CompletableFuture<?> publish(RosterEvent event) {
    return sender.send(event);
  }

  /** Hands an event already written as JSON to the producer, on its topic and with its key. */
  public CompletableFuture<?> publish(String topic, String key, byte[] json) {
    return sender.send(topic, key, json);
  }

  /** Returns once Kafka acknowledged every one of these sends, or throws. */
  public void await(Collection<? extends CompletableFuture<?>> sends) {
    EventSender.await(sends, PATIENCE);
  }
}

package coop.roster.imports.job;

import coop.roster.events.RosterEvent;
import coop.roster.messaging.EventSender;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Publishes events by batches: every event of a batch is handed to Kafka without waiting, then the batch
 * waits once for all their acknowledgements ({@link EventSender}), which is what a checkpoint needs.
 *
 * <p>A batch is one observation ({@code roster.events.publish}) whose trace every record carries, so
 * member-service's work on the batch's rows continues one trace per batch.
 */
@Component
class AcknowledgedEvents {

  private final EventSender sender;
  private final ObservationRegistry observations;

  AcknowledgedEvents(ProducerFactory<byte[], byte[]> producers, ObservationRegistry observations, Tracer tracer,
      Propagator propagator) {
    this.sender = new EventSender(producers, tracer, propagator);
    this.observations = observations;
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
        .observe(() -> EventSender.await(events.stream().map(sender::send).toList(), patience));
  }
}

package coop.roster.invitation.messaging;

import coop.roster.events.RosterEvent;
import coop.roster.messaging.EventSender;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes events on their own topic, keyed by {@link RosterEvent#key()}, each in the trace of the work that caused
 * it, through the producer as member-service does ({@link EventSender}): through StreamBridge, a message channel and
 * nested observations per status were a fifth of the service's time while sending. As before, a send is handed to
 * the producer and not waited for; one Kafka refuses in the end is logged, and member-service asks again for an
 * invitation left without an answer (README, "Failures").
 */
@Component
public class EventPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final EventSender sender;

  EventPublisher(ProducerFactory<byte[], byte[]> producers, Tracer tracer, Propagator propagator) {
    this.sender = new EventSender(producers, tracer, propagator);
  }

  public void publish(RosterEvent event) {
    sender.send(event).whenComplete((acknowledged, failure) -> {
      if (failure != null) {
        LOG.warn("Kafka did not take {} {}: {}", event.type(), event.eventId(), failure.toString());
      }
    });
  }
}

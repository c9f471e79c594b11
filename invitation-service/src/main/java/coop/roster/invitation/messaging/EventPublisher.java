package coop.roster.invitation.messaging;

import coop.roster.events.RosterEvent;
import coop.roster.events.stream.EventMessages;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/** Publishes events on their own topic, keyed by {@link RosterEvent#key()}. */
@Component
public class EventPublisher {

  private final StreamBridge streamBridge;

  EventPublisher(StreamBridge streamBridge) {
    this.streamBridge = streamBridge;
  }

  public void publish(RosterEvent event) {
    if (!streamBridge.send(event.topic(), EventMessages.of(event))) {
      throw new IllegalStateException("could not hand " + event.type() + " to Kafka");
    }
  }
}

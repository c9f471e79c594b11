package coop.roster.events.stream;

import coop.roster.events.RosterEvent;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;

/** Builds the message a service hands to {@code StreamBridge} for an event. */
public final class EventMessages {

  /** The header the Kafka binder reads the record key from. */
  public static final String KAFKA_KEY = "kafka_messageKey";

  /** An event message with its key and content type set. */
  public static Message<RosterEvent> of(RosterEvent event) {
    return MessageBuilder.<RosterEvent>withPayload(event)
        .setHeader(KAFKA_KEY, event.key().getBytes(StandardCharsets.UTF_8))
        .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
        .build();
  }

  private EventMessages() {
  }
}

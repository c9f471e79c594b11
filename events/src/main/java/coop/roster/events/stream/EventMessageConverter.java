package coop.roster.events.stream;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;

/**
 * Reads and writes {@link RosterEvent}s with the shared {@link EventJson} mapping. Declared as a
 * bean, Spring Cloud Stream puts it ahead of its own JSON converter.
 */
public class EventMessageConverter extends AbstractMessageConverter {

  public EventMessageConverter() {
    super(MimeTypeUtils.APPLICATION_JSON);
    setStrictContentTypeMatch(false);
  }

  @Override
  protected boolean supports(Class<?> clazz) {
    return RosterEvent.class.isAssignableFrom(clazz);
  }

  @Override
  protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object hint) {
    byte[] bytes = switch (message.getPayload()) {
      case byte[] b -> b;
      case String s -> s.getBytes(StandardCharsets.UTF_8);
      default -> throw new MessageConversionException(message, "not a JSON payload");
    };
    return EventJson.read(bytes, targetClass.asSubclass(RosterEvent.class));
  }

  @Override
  protected Object convertToInternal(Object payload, MessageHeaders headers, Object hint) {
    return EventJson.write((RosterEvent) payload);
  }
}

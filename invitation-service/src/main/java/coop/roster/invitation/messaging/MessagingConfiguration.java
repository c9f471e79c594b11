package coop.roster.invitation.messaging;

import coop.roster.events.stream.EventMessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.converter.MessageConverter;

/**
 * The shared JSON converter: it reads the bindings that convert ({@code groupEvent}); {@link EventPublisher} writes
 * the same JSON with the producer. Dead letters and per-record traces come from the {@code messaging}
 * module.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  @Bean
  MessageConverter eventMessageConverter() {
    return new EventMessageConverter();
  }
}

package coop.roster.invitation.messaging;

import coop.roster.events.UnreadableEventException;
import coop.roster.events.stream.EventMessageConverter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.util.backoff.BackOff;

import java.util.function.BiFunction;

/** The shared JSON converter, and dead letters for the batch consumers. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  @Bean
  MessageConverter eventMessageConverter() {
    return new EventMessageConverter();
  }

  /**
   * In batch mode the binder leaves retries and dead letters to the listener container. This wires
   * Spring Kafka's error handler to the binder's own settings ({@code enable-dlq}, {@code dlq-name},
   * back-off): a record named in a {@code BatchListenerFailedException} goes to the DLQ alone, the
   * records before it count as done and the ones after it come again; unreadable records are not retried.
   */
  @Bean
  ListenerContainerWithDlqAndRetryCustomizer deadLetters(KafkaOperations<?, ?> kafkaOperations) {
    return new ListenerContainerWithDlqAndRetryCustomizer() {
      @Override
      public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaOperations,
            dlqDestinationResolver);
        DefaultErrorHandler errorHandler = backOff == null
            ? new DefaultErrorHandler(recoverer) : new DefaultErrorHandler(recoverer, backOff);
        errorHandler.addNotRetryableExceptions(UnreadableEventException.class);
        container.setCommonErrorHandler(errorHandler);
      }

      @Override
      public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
      }
    };
  }
}

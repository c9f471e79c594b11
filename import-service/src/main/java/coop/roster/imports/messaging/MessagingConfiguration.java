package coop.roster.imports.messaging;

import coop.roster.events.UnreadableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

import java.util.function.BiFunction;

/** Dead letters for the batch consumers. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  /**
   * Retries and dead letters in the listener container, for every binding (in batch mode the binder leaves
   * them to the container). This wires Spring Kafka's error handler to the binder's own DLQ settings
   * ({@code enable-dlq}, {@code dlq-name}) and retry settings: a record the consumer names in a
   * {@code BatchListenerFailedException} goes to the DLQ alone, the records before it count as done and the
   * ones after it come again; unreadable records are not retried. Dead letters are the record's bytes as they
   * came, written by Spring Kafka's template (the one that publishes rows).
   */
  @Bean
  ListenerContainerWithDlqAndRetryCustomizer batchDeadLetters(KafkaOperations<?, ?> kafkaOperations) {
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

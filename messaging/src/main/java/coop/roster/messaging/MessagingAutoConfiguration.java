package coop.roster.messaging;

import coop.roster.events.UnreadableEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

import java.util.function.BiFunction;

/**
 * What a service gets by depending on this module: dead letters and retries for every consumer binding, and
 * {@link RecordTraces} for its batch consumers. Each bean gives way to one the service declares itself.
 */
@AutoConfiguration
public class MessagingAutoConfiguration {

  /** Records sent to a dead-letter topic, by the topic they came from: {@code roster_dead_letters_total}. */
  public static final String DEAD_LETTERS = "roster.dead.letters";

  /**
   * Retries and dead letters in the listener container, for every binding (in batch mode the binder leaves
   * them to the container anyway). This wires Spring Kafka's error handler to the binder's own settings:
   * {@code enable-dlq} and {@code dlq-name}, and the retries of {@code max-attempts} and {@code back-off-*}. A
   * record the consumer names in a {@code BatchListenerFailedException} goes to the DLQ alone, the records
   * before it count as done and the ones after it come again; unreadable records ({@link EventRecords}) are
   * not retried. Dead letters are the records' bytes as they came, written by the service's
   * {@link KafkaOperations} (Spring Boot's template: its producer must write {@code byte[]} keys and values).
   * Each one the DLQ acknowledged counts in {@value #DEAD_LETTERS}, tagged with the topic it came from.
   */
  @Bean
  @ConditionalOnMissingBean(ListenerContainerWithDlqAndRetryCustomizer.class)
  ListenerContainerWithDlqAndRetryCustomizer deadLetters(KafkaOperations<?, ?> kafkaOperations,
      ObjectProvider<MeterRegistry> meterRegistry) {
    MeterRegistry meters = meterRegistry.getIfAvailable(() -> Metrics.globalRegistry);
    return new ListenerContainerWithDlqAndRetryCustomizer() {
      @Override
      public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafkaOperations,
            dlqDestinationResolver);
        // At 0 from the start, so that the first dead letter is an increase Prometheus sees (alert rules).
        deadLetters(meters, destinationName);
        // The publisher throws when the DLQ does not acknowledge, so a record counts once it is there.
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, exception) -> {
          publisher.accept(record, consumer, exception);
          deadLetters(meters, record.topic()).increment();
        };
        DefaultErrorHandler errorHandler = backOff == null
            ? new DefaultErrorHandler(recoverer) : new DefaultErrorHandler(recoverer, backOff);
        errorHandler.addNotRetryableExceptions(UnreadableEventException.class);
        container.setCommonErrorHandler(errorHandler);
        // Record listeners are timed by their observations (enable-observation); Spring Kafka's older timers,
        // which it keeps for batch listeners, would register spring.kafka.listener again with other tags, which
        // Prometheus refuses. Off for every container: a batch's records are timed by RecordTraces where needed.
        container.getContainerProperties().setMicrometerEnabled(false);
      }

      @Override
      public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
      }
    };
  }

  private static Counter deadLetters(MeterRegistry meters, String topic) {
    return Counter.builder(DEAD_LETTERS).description("Records a consumer could not process, sent to <topic>.dlq")
        .tag("topic", topic).register(meters);
  }

  @Bean
  @ConditionalOnMissingBean
  RecordTraces recordTraces(ObservationRegistry registry) {
    return new RecordTraces(registry);
  }
}

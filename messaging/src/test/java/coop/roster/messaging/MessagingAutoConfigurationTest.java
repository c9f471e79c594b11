package coop.roster.messaging;

import coop.roster.events.UnreadableEventException;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The wiring alone: containers are configured, never started, so no broker is needed. */
class MessagingAutoConfigurationTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class))
      .withBean(ObservationRegistry.class, ObservationRegistry::create)
      .withBean(KafkaOperations.class, () -> new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())));

  @Test
  void isListedAsAnAutoConfigurationSoThatDependingOnTheModuleIsEnough() {
    assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
        .contains(MessagingAutoConfiguration.class.getName());
  }

  @Test
  void givesEveryBindingDeadLettersWithoutRetryingUnreadableRecords() {
    context.run(beans -> {
      ListenerContainerWithDlqAndRetryCustomizer deadLetters = beans.getBean(
          ListenerContainerWithDlqAndRetryCustomizer.class);
      KafkaMessageListenerContainer<byte[], byte[]> container = new KafkaMessageListenerContainer<>(
          new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("members.created.v1"));

      deadLetters.configure(container, "members.created.v1", "member-service",
          (record, e) -> new TopicPartition("members.created.v1.dlq", -1), new FixedBackOff(500, 39));

      assertThat(deadLetters.retryAndDlqInBinding("members.created.v1", "member-service")).isFalse();
      assertThat(container.getCommonErrorHandler()).isInstanceOfSatisfying(DefaultErrorHandler.class,
          // false: it was classified as not retryable (removing the classification is the only way to read it)
          handler -> assertThat(handler.removeClassification(UnreadableEventException.class)).isFalse());
      assertThat(container.getContainerProperties().isMicrometerEnabled()).isFalse();
      assertThat(beans).hasSingleBean(RecordTraces.class);
    });
  }

  @Test
  void givesWayToAServicesOwnDeadLetters() {
    ListenerContainerWithDlqAndRetryCustomizer own = (container, destination, group, resolver, backOff) -> {
    };

    context.withBean("ownDeadLetters", ListenerContainerWithDlqAndRetryCustomizer.class, () -> own)
        .run(beans -> assertThat(beans).getBean(ListenerContainerWithDlqAndRetryCustomizer.class).isSameAs(own));
  }
}

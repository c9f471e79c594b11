package coop.roster.messaging;

import coop.roster.events.UnreadableEventException;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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

import java.nio.charset.StandardCharsets;
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
  void countsEachRecordSentToADeadLetterTopicByTheTopicItCameFrom() {
    MockProducer<byte[], byte[]> dlq = new MockProducer<>(true, null, new ByteArraySerializer(),
        new ByteArraySerializer());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class))
        .withBean(ObservationRegistry.class, ObservationRegistry::create)
        .withBean(KafkaOperations.class, () -> new KafkaTemplate<>(() -> dlq))
        .withBean(MeterRegistry.class, () -> meters)
        .run(beans -> {
          KafkaMessageListenerContainer<byte[], byte[]> container = new KafkaMessageListenerContainer<>(
              new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("members.created.v1"));
          beans.getBean(ListenerContainerWithDlqAndRetryCustomizer.class).configure(container,
              "members.created.v1", "member-service",
              (record, e) -> new TopicPartition(record.topic() + ".dlq", -1), new FixedBackOff(0, 0));
          assertThat(meters.get("roster.dead.letters").tag("topic", "members.created.v1").counter().count())
              .as("counted from the start, so that the first one is an increase").isZero();
          ConsumerRecord<byte[], byte[]> unreadable = new ConsumerRecord<>("members.created.v1", 0, 7,
              "member-1".getBytes(StandardCharsets.UTF_8), "{".getBytes(StandardCharsets.UTF_8));

          container.getCommonErrorHandler().handleOne(
              new UnreadableEventException("not an event", null), unreadable,
              new MockConsumer<>("earliest"), container);

          assertThat(dlq.history()).singleElement().extracting(ProducerRecord::topic)
              .isEqualTo("members.created.v1.dlq");
          assertThat(meters.get("roster.dead.letters").tag("topic", "members.created.v1").counter().count())
              .isEqualTo(1);
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

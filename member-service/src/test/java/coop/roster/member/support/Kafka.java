package coop.roster.member.support;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** The real broker the launcher started, reached as another service would: raw records, the shared JSON. */
public final class Kafka {

  private Kafka() {
  }

  private static String brokers() {
    return System.getProperty("KAFKA_BOOTSTRAP_SERVERS");
  }

  /** Publishes events as their producers do: own topic, own key, EventJson. */
  public static void publish(RosterEvent... events) {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (RosterEvent event : events) {
        producer.send(new ProducerRecord<>(event.topic(), event.key().getBytes(StandardCharsets.UTF_8),
            EventJson.write(event)));
      }
      producer.flush();
    }
  }

  /** Publishes raw bytes, as a broken producer would. */
  public static void publishRaw(String topic, String key, byte[] value) {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
      producer.flush();
    }
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(),
        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * The events of a topic matching {@code filter}, read from its beginning: once {@code expected} are
   * there, reading goes on for {@code settle} more, so that one too many would be seen too.
   */
  public static <T extends RosterEvent> List<T> await(String topic, Class<T> type, Predicate<T> filter, int expected,
      Duration timeout, Duration settle) {
    return awaitAt(brokers(), topic, type, filter, expected, timeout, settle);
  }

  /** As {@link #await}, on the broker at {@code brokers} (one a test class started for itself). */
  public static <T extends RosterEvent> List<T> awaitAt(String brokers, String topic, Class<T> type,
      Predicate<T> filter, int expected, Duration timeout, Duration settle) {
    List<T> found = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : awaitRecordsAt(brokers, topic, value -> {
      try {
        RosterEvent event = EventJson.read(value, RosterEvent.class);
        return type.isInstance(event) && filter.test(type.cast(event));
      } catch (RuntimeException e) {
        return false;
      }
    }, expected, timeout, settle)) {
      found.add(type.cast(EventJson.read(record.value(), RosterEvent.class)));
    }
    return found;
  }

  public static <T extends RosterEvent> List<T> await(String topic, Class<T> type, Predicate<T> filter,
      int expected) {
    return await(topic, type, filter, expected, Duration.ofSeconds(60), Duration.ofSeconds(2));
  }

  /** Raw records of a topic whose value matches, read from its beginning. */
  public static List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, Predicate<byte[]> filter,
      int expected, Duration timeout, Duration settle) {
    return awaitRecordsAt(brokers(), topic, filter, expected, timeout, settle);
  }

  private static List<ConsumerRecord<byte[], byte[]>> awaitRecordsAt(String brokers, String topic,
      Predicate<byte[]> filter, int expected, Duration timeout, Duration settle) {
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "member-service-test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      long settleUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settleUntil)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (filter.test(record.value())) {
            found.add(record);
          }
        }
        if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
          settleUntil = System.nanoTime() + settle.toNanos();
        }
      }
    }
    return found;
  }
}

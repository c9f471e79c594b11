package coop.roster.invitation.testing;

import coop.roster.events.EventJson;
import coop.roster.events.InvitationStatus;
import coop.roster.events.RosterEvent;
import coop.roster.events.Topics;
import coop.roster.stack.Endpoints;
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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kafka as member-service sees it: publishes events (keyed as producers key them) and collects what
 * arrives on a topic, from its beginning, on a thread of its own.
 */
public final class Events implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final List<ConsumerRecord<byte[], byte[]>> received = new CopyOnWriteArrayList<>();
  private final List<InvitationStatus> statuses = new CopyOnWriteArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;

  private Events(String bootstrap, List<String> collectedTopics) {
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
        new ByteArraySerializer(), new ByteArraySerializer());
    poller = Thread.ofPlatform().daemon().name("test-events").start(() -> {
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
          ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true),
          new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(collectedTopics);
        while (running) {
          consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            if (record.topic().equals(Topics.INVITATIONS_STATUS)) {
              statuses.add(EventJson.read(record.value(), InvitationStatus.class));
            } else {
              received.add(record);
            }
          });
        }
      }
    });
  }

  /** Collects the status topic (and any other listed) of the Kafka the launcher started. */
  public static Events collecting(String... topics) {
    List<String> all = new ArrayList<>(List.of(topics));
    if (all.isEmpty()) {
      all.add(Topics.INVITATIONS_STATUS);
    }
    return new Events(System.getProperty(Endpoints.KAFKA_BOOTSTRAP_SERVERS), all);
  }

  public void publish(RosterEvent event) {
    send(event.topic(), event.key(), EventJson.write(event));
  }

  /** Publishes them all without waiting for each, as a service's producer does, then waits for Kafka's acks. */
  public void publishAll(List<? extends RosterEvent> events) {
    events.forEach(event -> producer.send(new ProducerRecord<>(event.topic(),
        event.key().getBytes(StandardCharsets.UTF_8), EventJson.write(event))));
    producer.flush();
  }

  public void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not publish on " + topic, e);
    }
  }

  /** The status events received so far for this request. */
  public List<InvitationStatus> statuses(String requestId) {
    return statuses.stream().filter(status -> requestId.equals(status.requestId())).toList();
  }

  /** The raw values received on a topic. */
  public List<byte[]> values(String topic) {
    return received.stream().filter(record -> record.topic().equals(topic)).map(ConsumerRecord::value).toList();
  }

  @Override
  public void close() {
    running = false;
    try {
      poller.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}

package coop.roster.identity.loginevents;

import coop.roster.events.EventJson;
import coop.roster.events.IdentityEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends identity events with a Kafka producer: key {@link IdentityEvent#key()}, value the shared
 * {@link EventJson} mapping. Each attempt is short (a few seconds when the broker is away); the
 * retrying over minutes is {@link IdentityEventPublisher}'s.
 */
final class KafkaEventSender implements EventSender {

  /** How long one attempt may take, from send to acknowledgement. */
  static final Duration ATTEMPT = Duration.ofSeconds(20);

  private final Producer<String, byte[]> producer;

  KafkaEventSender(KafkaConnection connection) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    config.putAll(connection.security());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "keycloak-roster-identity-events");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Waiting for metadata (broker away) blocks send(): keep that short, the publisher retries.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ATTEMPT.minusSeconds(5).toMillis());
    config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
    // Kafka finds some classes by name through the context class loader: make it the extension's.
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(KafkaEventSender.class.getClassLoader());
    try {
      this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Override
  public List<IdentityEvent> send(List<IdentityEvent> batch) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
    try {
      for (IdentityEvent event : batch) {
        sent.add(producer.send(new ProducerRecord<>(event.topic(), event.key(), EventJson.write(event))));
      }
    } catch (KafkaException e) {
      // No metadata in time: this event and the ones after it were not handed to the producer.
    }
    List<IdentityEvent> failed = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (i >= sent.size() || !acknowledged(sent.get(i))) {
        failed.add(batch.get(i));
      }
    }
    return failed;
  }

  private static boolean acknowledged(Future<RecordMetadata> result) {
    try {
      result.get(ATTEMPT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}

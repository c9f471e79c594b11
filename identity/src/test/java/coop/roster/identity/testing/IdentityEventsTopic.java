package coop.roster.identity.testing;

import coop.roster.events.EventJson;
import coop.roster.events.IdentityEvent;
import coop.roster.events.RosterEvent;
import coop.roster.events.Topics;
import coop.roster.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads {@code identity.events.v1} from its beginning, as member-service would, keeping one person's events. */
public final class IdentityEventsTopic implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

  public IdentityEventsTopic() {
    this(System.getProperty(Endpoints.KAFKA_BOOTSTRAP_SERVERS));
  }

  /** On the Kafka at {@code bootstrapServers}, for a test that started its own. */
  public IdentityEventsTopic(String bootstrapServers) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "identity-test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(Topics.IDENTITY_EVENTS));
  }

  /**
   * Polls for {@code window}, then answers every event keyed by {@code email} (normalised), in
   * order. Waiting the whole window is what shows that nothing more than expected arrives.
   */
  public List<IdentityEvent> eventsOf(String email, Duration window) {
    return pollUntil(email, window, Integer.MAX_VALUE);
  }

  /** Polls until {@code count} events of {@code email} arrived, or {@code timeout} passed. */
  public List<IdentityEvent> awaitEventsOf(String email, int count, Duration timeout) {
    return pollUntil(email, timeout, count);
  }

  private List<IdentityEvent> pollUntil(String email, Duration timeout, int count) {
    Instant deadline = Instant.now().plus(timeout);
    List<IdentityEvent> found = matching(email);
    while (found.size() < count && Instant.now().isBefore(deadline)) {
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      found = matching(email);
    }
    return found;
  }

  private List<IdentityEvent> matching(String email) {
    String key = coop.roster.events.Emails.normalize(email);
    return records.stream()
        .filter(record -> key.equals(record.key()))
        .map(record -> (IdentityEvent) EventJson.read(record.value(), RosterEvent.class))
        .toList();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}

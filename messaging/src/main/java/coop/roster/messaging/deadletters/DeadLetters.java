package coop.roster.messaging.deadletters;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Lists the records of dead-letter topics and replays a selection of them to the topics they came from. What was
 * replayed is remembered as the offsets of a consumer group on the dead-letter topic (the replay mark): a record
 * below the mark is never replayed again, so running the same replay twice sends nothing the second time.
 */
public final class DeadLetters {

  /** The consumer group whose offsets on each dead-letter topic mark what was replayed. */
  public static final String DEFAULT_GROUP = "roster-dead-letters";

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> kafka;
  private final String group;

  /**
   * @param kafka the client settings (bootstrap servers, security) shared by the admin, consumer and producer
   * @param group the consumer group that keeps the replay mark
   */
  public DeadLetters(Map<String, Object> kafka, String group) {
    this.kafka = Map.copyOf(kafka);
    this.group = group;
  }

  /**
   * The client settings from the environment the services use: {@code KAFKA_BOOTSTRAP_SERVERS} (default
   * {@code 127.0.0.1:9092}); in the cluster, {@code KAFKA_SASL_JAAS_CONFIG} turns on SCRAM-SHA-512 over TLS
   * ({@code KAFKA_SECURITY_PROTOCOL}, default {@code SASL_SSL}) trusting the PEM CA at {@code KAFKA_CA_FILE}
   * (default {@code /etc/roster/kafka-ca/ca.crt}).
   */
  public static Map<String, Object> settings(Map<String, String> environment) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        environment.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
    String jaas = environment.get("KAFKA_SASL_JAAS_CONFIG");
    if (jaas != null && !jaas.isBlank()) {
      settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
          environment.getOrDefault("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));
      settings.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
      settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
      settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
          environment.getOrDefault("KAFKA_CA_FILE", "/etc/roster/kafka-ca/ca.crt"));
    }
    return settings;
  }

  /** The dead-letter topics of the cluster, by name. */
  public List<String> topics() {
    try (Admin admin = Admin.create(kafka)) {
      return admin.listTopics(new ListTopicsOptions().timeoutMs((int) TIMEOUT.toMillis())).names().get().stream().filter(name -> name.endsWith(DeadLetter.SUFFIX))
          .sorted().toList();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not list the topics: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the topics", e);
    }
  }

  /** Every record the dead-letter topic holds now, replayed or not, by partition and offset. */
  public List<DeadLetter> list(String topic) {
    List<DeadLetter> letters = new ArrayList<>();
    try (Consumer<byte[], byte[]> consumer = consumer()) {
      Map<TopicPartition, Long> marks = marks(consumer, topic);
      read(consumer, topic, Selection.ALL, false,
          (partition, record) -> letters.add(DeadLetter.of(record, record.offset() < marks.get(partition))));
    }
    return letters;
  }

  /**
   * Sends each selected record that is not yet below the replay mark to the topic it came from, with its key,
   * value and headers (the trace's among them) but without the dead-letter headers; then, once Kafka has
   * acknowledged them, moves the mark past the last one sent in each partition. Records between the mark and
   * the selection's start are passed over for good. Consumers dedupe by {@code eventId}, so a replay cut short
   * between sending and marking does no harm when run again.
   *
   * @return the records sent
   */
  public List<DeadLetter> replay(String topic, Selection selection) {
    List<DeadLetter> sent = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> done = new LinkedHashMap<>();
    List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
    try (Consumer<byte[], byte[]> consumer = consumer(); Producer<byte[], byte[]> producer = producer()) {
      read(consumer, topic, selection, true, (partition, record) -> {
        DeadLetter letter = DeadLetter.of(record, false);
        if (letter.originalTopic() == null) {
          throw new IllegalStateException("record " + partition + "@" + record.offset()
              + " does not say which topic it came from; the replay stops there and its mark does not move");
        }
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(letter.originalTopic(), null, record.key(),
            record.value());
        for (Header header : record.headers()) {
          if (!header.key().startsWith("kafka_dlt-")) {
            again.headers().add(header);
          }
        }
        acknowledgements.add(producer.send(again));
        sent.add(letter);
        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
      });
      producer.flush();
      for (Future<RecordMetadata> acknowledgement : acknowledgements) {
        acknowledgement.get();
      }
      if (!done.isEmpty()) {
        consumer.commitSync(done, TIMEOUT);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused a replayed record, the replay mark did not move: "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while replaying; the replay mark did not move", e);
    }
    return sent;
  }

  /**
   * Reads the topic's partitions (those the selection names) from the start, or from the replay mark when
   * {@code fromMark}, up to where they end now, and hands over the records the selection's offsets take in.
   */
  private void read(Consumer<byte[], byte[]> consumer, String topic, Selection selection, boolean fromMark,
      BiConsumer<TopicPartition, ConsumerRecord<byte[], byte[]>> each) {
    List<TopicPartition> partitions = partitions(consumer, topic).stream()
        .filter(partition -> selection.partition() == null || selection.partition() == partition.partition())
        .toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
    Map<TopicPartition, Long> marks = fromMark ? marks(consumer, topic) : Map.of();
    for (TopicPartition partition : partitions) {
      consumer.seek(partition, Math.max(marks.getOrDefault(partition, 0L), selection.from()));
    }
    List<TopicPartition> open = new ArrayList<>(partitions.stream()
        .filter(partition -> consumer.position(partition, TIMEOUT) < Math.min(ends.get(partition),
            selection.toInclusive() + 1))
        .toList());
    consumer.pause(partitions.stream().filter(partition -> !open.contains(partition)).toList());
    // However long the topic, the reading stops only when the broker sends nothing for TIMEOUT.
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!open.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Kafka sent nothing of " + open + " for " + TIMEOUT.toSeconds() + " s");
      }
      var records = consumer.poll(POLL);
      if (!records.isEmpty()) {
        deadline = System.nanoTime() + TIMEOUT.toNanos();
      }
      for (ConsumerRecord<byte[], byte[]> record : records) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (open.contains(partition) && record.offset() <= selection.toInclusive()
            && record.offset() < ends.get(partition)) {
          each.accept(partition, record);
        }
      }
      for (TopicPartition partition : List.copyOf(open)) {
        if (consumer.position(partition, TIMEOUT) >= Math.min(ends.get(partition), selection.toInclusive() + 1)) {
          open.remove(partition);
          consumer.pause(List.of(partition));
        }
      }
    }
  }

  private static List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer, String topic) {
    var infos = consumer.partitionsFor(topic, TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("no topic " + topic);
    }
    return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
  }

  /** The replay mark of each partition: the offset of the first record not yet replayed (0 if none was). */
  private Map<TopicPartition, Long> marks(Consumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> partitions = partitions(consumer, topic);
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), TIMEOUT);
    Map<TopicPartition, Long> marks = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata mark = committed.get(partition);
      marks.put(partition, mark == null ? 0L : mark.offset());
    }
    return marks;
  }

  private Consumer<byte[], byte[]> consumer() {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "roster-dead-letters");
    return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private Producer<byte[], byte[]> producer() {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "roster-dead-letters");
    return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Which records of a dead-letter topic a replay takes: one partition or all ({@code null}), and an offset
   * range, both ends included.
   */
  public record Selection(Integer partition, long from, long toInclusive) {

    /** Every record of every partition. */
    public static final Selection ALL = new Selection(null, 0, Long.MAX_VALUE - 1);
  }
}

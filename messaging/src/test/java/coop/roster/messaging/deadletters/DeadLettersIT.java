package coop.roster.messaging.deadletters;

import coop.roster.stack.Endpoints;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The operator's command against a real broker, with dead letters written by Spring Kafka's own recoverer. */
@RosterInfrastructure(Part.KAFKA)
class DeadLettersIT {

  private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private Map<String, Object> kafka;
  private String topic;
  private String deadLetterTopic;

  @BeforeEach
  void topics(Infrastructure infrastructure) throws Exception {
    kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        infrastructure.environment().get(Endpoints.KAFKA_BOOTSTRAP_SERVERS));
    topic = "members.created.v1-" + UUID.randomUUID();
    deadLetterTopic = topic + DeadLetter.SUFFIX;
    try (Admin admin = Admin.create(kafka)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(deadLetterTopic, 1, (short) 1)))
          .all().get();
    }
  }

  @Test
  void listsEachDeadLetterWithTheTopicItCameFromAndWhyItsConsumerRefusedIt() {
    deadLetter(10, "member-1");
    deadLetter(11, "member-2");

    String listing = command("list", deadLetterTopic);

    assertThat(listing).contains(deadLetterTopic + ": 2 record(s), 2 not replayed")
        .contains("0@0 waiting ").contains("from " + topic + " 0@10 key=member-1 IllegalStateException: group g-1 is unknown")
        .contains("0@1 waiting ").contains("from " + topic + " 0@11 key=member-2");
    assertThat(command("list")).contains(deadLetterTopic + ": 2 record(s)");
  }

  @Test
  void replaysTheSelectedRecordsToTheirTopicWithKeyValueAndTraceButWithoutTheDeadLetterHeaders() {
    deadLetter(10, "member-1");
    deadLetter(11, "member-2");
    deadLetter(12, "member-3");

    assertThat(command("replay", deadLetterTopic, "--from", "0", "--to", "1"))
        .contains(deadLetterTopic + ": 2 record(s) replayed.");

    List<ConsumerRecord<byte[], byte[]>> replayed = read(topic);
    assertThat(replayed).extracting(record -> text(record.key()), record -> text(record.value()))
        .containsExactly(tuple("member-1", "{\"eventId\":\"member-1\"}"), tuple("member-2", "{\"eventId\":\"member-2\"}"));
    assertThat(replayed.getFirst().headers().lastHeader("traceparent").value())
        .isEqualTo(TRACE.getBytes(StandardCharsets.UTF_8));
    assertThat(replayed.getFirst().headers()).noneMatch(header -> header.key().startsWith("kafka_dlt-"));
    assertThat(command("list", deadLetterTopic)).contains("1 not replayed").contains("0@0 replayed ")
        .contains("0@2 waiting ");
  }

  @Test
  void replayingTwiceSendsNothingTheSecondTime() {
    deadLetter(10, "member-1");
    deadLetter(11, "member-2");

    assertThat(command("replay", deadLetterTopic)).contains("2 record(s) replayed.");
    assertThat(command("replay", deadLetterTopic)).contains("0 record(s) replayed.");

    assertThat(read(topic)).extracting(record -> text(record.key())).containsExactly("member-1", "member-2");
    assertThat(command("list", deadLetterTopic)).contains("2 record(s), 0 not replayed");
  }

  /** A record of {@code topic} at {@code offset} that its consumer refused, dead-lettered as the services do. */
  private void deadLetter(long offset, String key) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", TRACE.getBytes(StandardCharsets.UTF_8));
    ConsumerRecord<byte[], byte[]> refused = new ConsumerRecord<>(topic, 0, offset, System.currentTimeMillis(),
        TimestampType.CREATE_TIME, 0, 0, key.getBytes(StandardCharsets.UTF_8),
        ("{\"eventId\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    DefaultKafkaProducerFactory<byte[], byte[]> producers = new DefaultKafkaProducerFactory<>(kafka,
        new ByteArraySerializer(), new ByteArraySerializer());
    try {
      // The destination the binder gives the services' recoverers (dlq-name): <topic>.dlq, partition by key.
      new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
          (record, exception) -> new TopicPartition(record.topic() + DeadLetter.SUFFIX, -1))
          .accept(refused, new IllegalStateException("group g-1 is unknown"));
    } finally {
      producers.destroy();
    }
  }

  private String command(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DeadLettersCommand(new DeadLetters(kafka, "operator-" + topic), new PrintStream(out, true,
        StandardCharsets.UTF_8)).run(List.of(args));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Every record the topic holds now. */
  private List<ConsumerRecord<byte[], byte[]>> read(String name) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(name, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

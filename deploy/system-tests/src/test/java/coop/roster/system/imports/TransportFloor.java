package coop.roster.system.imports;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The import flow of design.md reduced to its transport, to show what a budget relative to a bulk write
 * leaves on this machine: the same member documents, as the BSON MongoDB stores (so that neither side spends
 * anything reading or writing JSON), published to Kafka as the services publish (acks from all, idempotent,
 * keyed by group and e-mail); one consumer writing each poll of 500 with one unordered {@code insertMany} and
 * publishing one outcome per row (the member's id); a second consumer reading the outcomes until every row
 * has one. No file, no checks, no JSON, no ledger, no stored outcomes, no report, no framework: whatever an
 * implementation of the flow adds, it adds on top of this. Runs in the benchmark's JVM against the broker and database the
 * flow used, on topics and a collection of its own.
 */
final class TransportFloor {

  private static final int POLL = 500;
  private static final DocumentCodec CODEC = new DocumentCodec();

  private TransportFloor() {
  }

  /** Nanoseconds from the first record published to the last row's outcome read. */
  static long nanos(String brokers, MongoDatabase database, List<Document> members) throws Exception {
    String run = UUID.randomUUID().toString();
    String created = "benchmark.floor.created." + run;
    String outcomes = "benchmark.floor.outcomes." + run;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
      // The broker's number of partitions, as for the services' topics.
      admin.createTopics(List.of(new NewTopic(created, Optional.empty(), Optional.empty()),
          new NewTopic(outcomes, Optional.empty(), Optional.empty()))).all().get();
      MongoCollection<RawBsonDocument> roster = database.getCollection("floor_" + run, RawBsonDocument.class);
      roster.createIndex(Indexes.ascending("groupEmail"), new IndexOptions().unique(true));
      try (KafkaProducer<byte[], byte[]> producer = producer(brokers);
          KafkaConsumer<byte[], byte[]> rows = consumer(brokers, created);
          KafkaConsumer<byte[], byte[]> answers = consumer(brokers, outcomes)) {
        CountDownLatch everyRowAnswered = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().daemon().name("floor-writer").unstarted(() -> {
          int written = 0;
          while (written < members.size() && failure.get() == null) {
            List<RawBsonDocument> batch = new ArrayList<>(POLL);
            for (ConsumerRecord<byte[], byte[]> record : rows.poll(Duration.ofMillis(100))) {
              batch.add(new RawBsonDocument(record.value()));
            }
            if (batch.isEmpty()) {
              continue;
            }
            roster.insertMany(batch, new InsertManyOptions().ordered(false));
            List<Future<?>> sends = new ArrayList<>(batch.size());
            for (RawBsonDocument member : batch) {
              sends.add(producer.send(new ProducerRecord<>(outcomes, run.getBytes(StandardCharsets.UTF_8),
                  member.getString("_id").getValue().getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<?> send : sends) {
              join(send);
            }
            rows.commitSync();
            written += batch.size();
          }
        });
        Thread reader = Thread.ofPlatform().daemon().name("floor-reader").unstarted(() -> {
          Set<String> answered = new HashSet<>();
          while (answered.size() < members.size() && failure.get() == null) {
            for (ConsumerRecord<byte[], byte[]> record : answers.poll(Duration.ofMillis(50))) {
              answered.add(new String(record.value(), StandardCharsets.UTF_8));
            }
          }
          everyRowAnswered.countDown();
        });
        writer.setUncaughtExceptionHandler((thread, e) -> failed(failure, everyRowAnswered, e));
        reader.setUncaughtExceptionHandler((thread, e) -> failed(failure, everyRowAnswered, e));
        // Both consumers have their partitions before the clock starts, like the services' long-running ones.
        awaitAssignment(rows);
        awaitAssignment(answers);
        long start = System.nanoTime();
        writer.start();
        reader.start();
        for (Document member : members) {
          producer.send(new ProducerRecord<>(created, member.getString("groupEmail").getBytes(StandardCharsets.UTF_8),
              bytes(new RawBsonDocument(member, CODEC))));
        }
        producer.flush();
        if (!everyRowAnswered.await(10, TimeUnit.MINUTES) || failure.get() != null) {
          throw new IllegalStateException("the transport floor did not finish", failure.get());
        }
        long nanos = System.nanoTime() - start;
        writer.join(10_000);
        return nanos;
      } finally {
        roster.drop();
        admin.deleteTopics(List.of(created, outcomes)).all().get();
      }
    }
  }

  /** The document's BSON, as MongoDB stores it: no work on either side but copying. */
  private static byte[] bytes(RawBsonDocument document) {
    ByteBuffer buffer = document.getByteBuffer().asNIO();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static void failed(AtomicReference<Throwable> failure, CountDownLatch done, Throwable e) {
    failure.compareAndSet(null, e);
    done.countDown();
  }

  private static void join(Future<?> send) {
    try {
      send.get();
    } catch (Exception e) {
      throw new IllegalStateException("an outcome was not published", e);
    }
  }

  /** As member-service's producer is set (application.yml, spring.kafka.producer). */
  private static KafkaProducer<byte[], byte[]> producer(String brokers) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String brokers, String topic) {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, topic,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, POLL), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static void awaitAssignment(KafkaConsumer<byte[], byte[]> consumer) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (consumer.assignment().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no partitions assigned in a minute");
      }
      if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
        throw new IllegalStateException("records before the floor started");
      }
    }
  }
}

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
import org.apache.kafka.clients.producer.Callback;
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
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The import flow of design.md reduced to its transport, to show what a budget relative to a bulk write
 * leaves on this machine: the same member documents, as the BSON MongoDB stores (so that no side spends
 * anything reading or writing JSON), published to Kafka as the services publish (acks from all, idempotent,
 * keyed by group and e-mail); one consumer writing each poll of 500 with one unordered {@code insertMany} and
 * publishing one outcome per row (the member's id) without waiting for its acknowledgement; a second consumer
 * reading the outcomes until every row has one. No file, no checks, no JSON, no ledger, no stored outcomes, no
 * report, no framework, no wait but Kafka's and MongoDB's own.
 *
 * <p>{@link Flow#DESIGN} adds, still with nothing else, the writes and events design.md asks of every row
 * whatever the code: a ledger entry beside each member (a replayed or redelivered row must change nothing,
 * even once its member was removed); the row's {@code MemberAdded} (here the member's BSON) published, and a
 * third consumer keeping the group's e-mails from it (import-service's "already members"); each outcome kept
 * where it is read (the report's exactly-once counts and rejected rows). Each write is one {@code insertMany}
 * per poll.
 *
 * <p>Runs in the benchmark's JVM against the broker and database the flow used, on topics and collections of
 * its own.
 */
final class TransportFloor {

  private static final int POLL = 500;
  private static final DocumentCodec CODEC = new DocumentCodec();
  private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

  private TransportFloor() {
  }

  /** How much of the design's flow the floor does. */
  enum Flow { TRANSPORT, DESIGN }

  /** Nanoseconds from the first record published to the last row's outcome read (and kept, for the design). */
  static long nanos(String brokers, MongoDatabase database, List<Document> members, Flow flow) throws Exception {
    boolean design = flow == Flow.DESIGN;
    String run = UUID.randomUUID().toString();
    String created = "benchmark.floor.created." + run;
    String outcomes = "benchmark.floor.outcomes." + run;
    String changes = "benchmark.floor.roster." + run;
    byte[] importKey = run.getBytes(StandardCharsets.UTF_8);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
      // The broker's number of partitions, as for the services' topics.
      admin.createTopics(Stream.of(created, outcomes, changes)
          .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty())).toList()).all().get();
      MongoCollection<RawBsonDocument> roster = database.getCollection("floor_" + run, RawBsonDocument.class);
      roster.createIndex(Indexes.ascending("groupEmail"), new IndexOptions().unique(true));
      MongoCollection<Document> ledger = database.getCollection("floor_ledger_" + run);
      MongoCollection<Document> kept = database.getCollection("floor_outcomes_" + run);
      MongoCollection<Document> emails = database.getCollection("floor_emails_" + run);
      try (KafkaProducer<byte[], byte[]> producer = producer(brokers);
          KafkaConsumer<byte[], byte[]> rows = consumer(brokers, created);
          KafkaConsumer<byte[], byte[]> answers = consumer(brokers, outcomes);
          KafkaConsumer<byte[], byte[]> added = consumer(brokers, changes)) {
        CountDownLatch everyRowAnswered = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Callback published = (metadata, e) -> {
          if (e != null) {
            failed(failure, everyRowAnswered, e);
          }
        };
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().daemon().name("floor-writer").unstarted(() -> {
          int written = 0;
          while (written < members.size() && failure.get() == null) {
            List<RawBsonDocument> batch = new ArrayList<>(POLL);
            for (ConsumerRecord<byte[], byte[]> record : rows.poll(Duration.ofMillis(100))) {
              batch.add(new RawBsonDocument(record.value()));
            }
            if (batch.isEmpty()) {
              continue;
            }
            roster.insertMany(batch, UNORDERED);
            if (design) {
              ledger.insertMany(batch.stream().map(member -> new Document("_id", run + ":" + id(member))
                  .append("outcome", "CREATED").append("at", new Date())).toList(), UNORDERED);
            }
            // Not even a wait for the acknowledgements before the next poll: a floor, not a design.
            for (RawBsonDocument member : batch) {
              if (design) {
                producer.send(new ProducerRecord<>(changes, id(member).getBytes(StandardCharsets.UTF_8),
                    bytes(member)), published);
              }
              producer.send(new ProducerRecord<>(outcomes, importKey, id(member).getBytes(StandardCharsets.UTF_8)),
                  published);
            }
            rows.commitAsync();
            written += batch.size();
          }
        }));
        threads.add(Thread.ofPlatform().daemon().name("floor-reader").unstarted(() -> {
          Set<String> answered = new HashSet<>();
          while (answered.size() < members.size() && failure.get() == null) {
            List<Document> read = new ArrayList<>(POLL);
            for (ConsumerRecord<byte[], byte[]> record : answers.poll(Duration.ofMillis(50))) {
              String memberId = new String(record.value(), StandardCharsets.UTF_8);
              answered.add(memberId);
              read.add(new Document("_id", run + ":" + memberId).append("memberId", memberId).append("outcome",
                  "CREATED"));
            }
            if (design && !read.isEmpty()) {
              kept.insertMany(read, UNORDERED);
            }
          }
          everyRowAnswered.countDown();
        }));
        if (design) {
          threads.add(Thread.ofPlatform().daemon().name("floor-emails").unstarted(() -> {
            while (everyRowAnswered.getCount() > 0 && failure.get() == null) {
              List<Document> read = new ArrayList<>(POLL);
              for (ConsumerRecord<byte[], byte[]> record : added.poll(Duration.ofMillis(50))) {
                RawBsonDocument member = new RawBsonDocument(record.value());
                read.add(new Document("_id", member.getString("groupEmail").getValue()));
              }
              if (!read.isEmpty()) {
                emails.insertMany(read, UNORDERED);
                added.commitAsync();
              }
            }
          }));
        }
        threads.forEach(thread -> thread.setUncaughtExceptionHandler((t, e) -> failed(failure, everyRowAnswered, e)));
        // The consumers have their partitions before the clock starts, like the services' long-running ones.
        for (KafkaConsumer<byte[], byte[]> consumer : List.of(rows, answers, added)) {
          awaitAssignment(consumer);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Document member : members) {
          producer.send(new ProducerRecord<>(created, member.getString("groupEmail").getBytes(StandardCharsets.UTF_8),
              bytes(new RawBsonDocument(member, CODEC))), published);
        }
        producer.flush();
        if (!everyRowAnswered.await(10, TimeUnit.MINUTES) || failure.get() != null) {
          throw new IllegalStateException("the transport floor did not finish", failure.get());
        }
        long nanos = System.nanoTime() - start;
        for (Thread thread : threads) {
          thread.join(10_000);
        }
        return nanos;
      } finally {
        for (MongoCollection<?> collection : List.of(roster, ledger, kept, emails)) {
          collection.drop();
        }
        admin.deleteTopics(List.of(created, outcomes, changes)).all().get();
      }
    }
  }

  private static String id(RawBsonDocument member) {
    return member.getString("_id").getValue();
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

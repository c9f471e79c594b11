package coop.roster.imports;

import coop.roster.events.EventJson;
import coop.roster.events.ExistingMemberPolicy;
import coop.roster.events.ImportRowOutcome;
import coop.roster.events.ImportRowOutcome.Outcome;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberCreated;
import coop.roster.events.MemberSource;
import coop.roster.events.MemberUpdated;
import coop.roster.events.Person;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays member-service's side of the import contract on the real broker, as the brief of these
 * tests asks until the system tests run the real one: reads every {@code MemberCreated}, keeps a
 * roster idempotently (one member per group and e-mail, an event id applied once), answers an
 * {@code ImportRowOutcome} per row and publishes the roster's changes; a row received again is answered
 * with its first outcome, as member-service does. Rows whose e-mail is at {@code refused.example} are
 * rejected, to follow that path too. A test may lose a row's first delivery, or its first outcome, as an
 * outage longer than the consumers' retries would (their records dead-lettered).
 */
final class MemberServiceStandIn implements AutoCloseable {

  static final String REFUSED_DOMAIN = "@refused.example";
  static final String REFUSAL = "domaine de courriel refusé";

  private static MemberServiceStandIn shared;

  private final KafkaProducer<String, byte[]> producer;
  private final Thread reader;
  private volatile boolean running = true;
  private final List<MemberCreated> received = new CopyOnWriteArrayList<>();
  private final Set<UUID> applied = ConcurrentHashMap.newKeySet();
  /** group → normalised e-mail → member. */
  private final Map<String, Map<String, Member>> roster = new ConcurrentHashMap<>();
  /** Groups whose rows are received but left for the test to answer. */
  private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
  /** E-mails whose next rows are lost before they are applied, and how many. */
  private final Map<String, Integer> deliveriesToLose = new ConcurrentHashMap<>();
  /** E-mails whose next outcomes are lost on the way back, and how many. */
  private final Map<String, Integer> outcomesToLose = new ConcurrentHashMap<>();
  /** The first outcome of each row applied, by the row's event id. */
  private final Map<UUID, ImportRowOutcome> firstOutcomes = new ConcurrentHashMap<>();

  record Member(String memberId, Person person) {
  }

  /** One stand-in for the test JVM, reading the topic from its start. */
  static synchronized MemberServiceStandIn shared() {
    if (shared == null) {
      shared = new MemberServiceStandIn(System.getProperty(Endpoints.KAFKA_BOOTSTRAP_SERVERS));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  private MemberServiceStandIn(String brokers) {
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
        new StringSerializer(), new ByteArraySerializer());
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "member-service-stand-in-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true,
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000), new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(Topics.MEMBERS_CREATED));
    reader = Thread.ofPlatform().daemon().name("member-service-stand-in").start(() -> {
      try (consumer) {
        while (running) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            apply(EventJson.read(record.value(), MemberCreated.class));
          }
        }
      }
    });
  }

  /** Puts a member in a group's roster, as a coordinator creating them by hand would. */
  Member addMember(String groupId, Person person) {
    Member member = new Member(UUID.randomUUID().toString(), person);
    roster.computeIfAbsent(groupId, g -> new ConcurrentHashMap<>()).put(person.email(), member);
    send(new MemberAdded(UUID.randomUUID(), Instant.now(), member.memberId(), groupId, person, null, null,
        MemberSource.MANUAL, null));
    producer.flush();
    return member;
  }

  /** The group's rows are received but neither applied nor answered: the test answers them itself. */
  void answerNothingFor(String groupId) {
    unanswered.add(groupId);
  }

  /** The next {@code times} rows with this e-mail never reach the roster (nor get an outcome). */
  void loseDeliveries(String email, int times) {
    deliveriesToLose.put(email, times);
  }

  /** The next {@code times} outcomes of rows with this e-mail (the first one, then its repetitions) are lost. */
  void loseOutcomes(String email, int times) {
    outcomesToLose.put(email, times);
  }

  /** Whether one more of the e-mail's records is to be lost, counting it. */
  private static boolean lose(Map<String, Integer> toLose, String email) {
    boolean[] lost = {false};
    toLose.computeIfPresent(email, (key, left) -> {
      lost[0] = true;
      return left > 1 ? left - 1 : null;
    });
    return lost[0];
  }

  /**
   * Records as a producer writes them, bytes that are no event included: all under one key, so that they
   * stay in one partition and in this order, and sent in one go, so that they come in few polls.
   */
  void publish(String topic, String key, List<byte[]> values) {
    for (byte[] value : values) {
      producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
        if (error != null) {
          System.err.println("stand-in could not send a record to " + topic + ": " + error);
        }
      });
    }
    producer.flush();
  }

  /** Every {@code MemberCreated} of the import, as often as it was received. */
  List<MemberCreated> received(String importId) {
    return received.stream().filter(event -> event.importId().equals(importId)).toList();
  }

  /** The group's members, by e-mail. */
  Map<String, Member> roster(String groupId) {
    return Map.copyOf(roster.getOrDefault(groupId, Map.of()));
  }

  private void apply(MemberCreated event) {
    received.add(event);
    if (unanswered.contains(event.groupId())) {
      return;  // the test answers this one
    }
    String email = event.person().email();
    if (lose(deliveriesToLose, email)) {
      return;
    }
    if (!applied.add(event.eventId())) {
      // a row sent again: member-service recognises its event id and answers its first outcome
      ImportRowOutcome first = firstOutcomes.get(event.eventId());
      if (first != null && !lose(outcomesToLose, email)) {
        send(first);
      }
      return;
    }
    if (email.endsWith(REFUSED_DOMAIN)) {
      answer(event, new Placed(null, Outcome.REJECTED), null, REFUSAL);
      return;
    }
    // As member-service does: a partner with an e-mail of their own is a member of their own.
    Person partner = event.partner();
    boolean couple = partner != null && partner.email() != null && !partner.email().equals(email);
    Placed first = place(event, event.person(), couple ? null : partner);
    Placed second = couple ? place(event, partner, null) : null;
    answer(event, first, second, null);
  }

  /** A person of the row, created, updated (the update policy) or left as they are. */
  private record Placed(String memberId, Outcome outcome) {
  }

  private Placed place(MemberCreated event, Person person, Person partner) {
    Map<String, Member> members = roster.computeIfAbsent(event.groupId(), g -> new ConcurrentHashMap<>());
    Member existing = members.get(person.email());
    if (existing == null) {
      Member member = new Member(UUID.randomUUID().toString(), person);
      members.put(person.email(), member);
      send(new MemberAdded(UUID.randomUUID(), Instant.now(), member.memberId(), event.groupId(), person,
          partner, event.address(), MemberSource.IMPORT, event.importId()));
      return new Placed(member.memberId(), Outcome.CREATED);
    } else if (event.policy() == ExistingMemberPolicy.UPDATE) {
      members.put(person.email(), new Member(existing.memberId(), person));
      send(new MemberUpdated(UUID.randomUUID(), Instant.now(), existing.memberId(), event.groupId(), person,
          partner, event.address()));
      return new Placed(existing.memberId(), Outcome.UPDATED);
    }
    return new Placed(existing.memberId(), Outcome.ALREADY_MEMBER);
  }

  private void answer(MemberCreated event, Placed first, Placed partner, String reason) {
    ImportRowOutcome answer = new ImportRowOutcome(UUID.randomUUID(), Instant.now(), event.importId(),
        event.rowNumber(), event.groupId(), first.memberId(), first.outcome(), reason,
        partner == null ? null : partner.memberId(), partner == null ? null : partner.outcome());
    firstOutcomes.put(event.eventId(), answer);
    if (!lose(outcomesToLose, event.person().email())) {
      send(answer);
    }
  }

  private void send(RosterEvent event) {
    producer.send(new ProducerRecord<>(event.topic(), event.key(), EventJson.write(event)), (metadata, error) -> {
      if (error != null) {
        System.err.println("stand-in could not send " + event + ": " + error);
      }
    });
  }

  @Override
  public void close() {
    running = false;
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }

  static List<Integer> rows(List<MemberCreated> events) {
    List<Integer> rows = new ArrayList<>();
    events.forEach(event -> rows.add(event.rowNumber()));
    return rows;
  }
}

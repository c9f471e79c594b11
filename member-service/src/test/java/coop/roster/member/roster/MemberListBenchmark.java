package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.ExistingMemberPolicy;
import coop.roster.events.EventJson;
import coop.roster.events.MemberCreated;
import coop.roster.events.Person;
import coop.roster.events.Topics;
import coop.roster.member.support.Api;
import coop.roster.member.support.RosterFixtures;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Not a test: prints figures for a group of 100,000 members (README, "Benchmarks").
 * <ol>
 *   <li>the rate at which member-service consumes MemberCreated batches, next to a plain bulk upsert of the
 *   same documents on the same database;</li>
 *   <li>the first page of each selection with every count, at member-service over HTTP (p50, p95), next to
 *   the same query run straight on the database (seven counts and a sorted page).</li>
 * </ol>
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "logging.level.org.apache.kafka=warn",
    "management.metrics.distribution.percentiles.http.server.requests=0.5,0.95"})
class MemberListBenchmark {

  static final int MEMBERS = Integer.getInteger("benchmark.members", 100_000);
  static final String[] CITIES = {"Lyon", "Villeurbanne", "Saint-Étienne", "Vénissieux", "Bron", "Caluire",
      "Écully", "Oullins", "Vaulx-en-Velin", "Givors"};
  static final String[] FIRST = {"Élise", "Jeanne", "Paul", "Zoé", "Marc", "Noémie", "Hélène", "Louis", "Chloé",
      "Théo", "Inès", "Hugo", "Léa", "Jules", "Camille"};

  @LocalServerPort
  int port;
  @Autowired
  MongoTemplate mongo;
  @Autowired
  RosterChanges changes;
  @Autowired
  BindingsLifecycleController bindings;
  @Autowired
  io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void aGroupOfOneHundredThousandMembers() throws Exception {
    String groupId = RosterFixtures.newGroupId("benchmark");
    Api api = new RosterFixtures(port).newGroup(groupId);
    List<MemberCreated> rows = rows(groupId);

    System.out.printf("%n== member-service benchmark: %,d members, %d CPU cores, load average %.1f ==%n", MEMBERS,
        Runtime.getRuntime().availableProcessors(), loadAverage());
    if (Boolean.getBoolean("benchmark.skip-consumption")) {
      directly(rows);
    } else {
      consumption(rows);
    }
    statuses(groupId);
    list(api, groupId);
  }

  /** Stops the binding, publishes every row, then times the consumer from start to its last commit. */
  private void consumption(List<MemberCreated> rows) throws Exception {
    bindings.changeState("memberCreated-in-0", State.STOPPED);
    long publishStart = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(), ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (MemberCreated row : rows) {
        producer.send(new ProducerRecord<>(Topics.MEMBERS_CREATED, row.key().getBytes(StandardCharsets.UTF_8),
            EventJson.write(row)));
      }
      producer.flush();
    }
    Duration published = Duration.ofNanos(System.nanoTime() - publishStart);

    long start = System.nanoTime();
    bindings.changeState("memberCreated-in-0", State.STARTED);
    awaitConsumed();
    Duration consumed = Duration.ofNanos(System.nanoTime() - start);
    // The consumer commits once its members and their events are written; the outbox relay sends them after.
    while (mongo.getCollection(Members.COLLECTION).countDocuments(
        com.mongodb.client.model.Filters.exists("outbox.0")) > 0) {
      Thread.sleep(100);
    }
    Duration relayed = Duration.ofNanos(System.nanoTime() - start);

    // The same collection settings as the roster: its unique index on group and e-mail.
    String scratch = "benchmark_bulk_" + UUID.randomUUID().toString().substring(0, 8);
    mongo.getCollection(scratch).createIndex(com.mongodb.client.model.Indexes.ascending("groupEmail"),
        new com.mongodb.client.model.IndexOptions().unique(true));
    List<Member> documents = rows.stream().map(row -> Member.create(UUID.randomUUID().toString(), row.groupId(),
        row.person(), row.partner(), row.address(), Member.Source.importRow(row.importId(), row.rowNumber()),
        Instant.now())).toList();
    long bulkStart = System.nanoTime();
    for (int from = 0; from < documents.size(); from += 500) {
      BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Member.class, scratch);
      documents.subList(from, Math.min(from + 500, documents.size())).forEach(member -> bulk.replaceOne(
          Query.query(where("_id").is(member.id())), member, FindAndReplaceOptions.options().upsert()));
      bulk.execute();
    }
    Duration bulk = Duration.ofNanos(System.nanoTime() - bulkStart);
    mongo.dropCollection(scratch);

    System.out.printf("%nMemberCreated consumption (batches of up to 500 records)%n");
    System.out.printf("  published to Kafka first          %,8d ms%n", published.toMillis());
    System.out.printf("  member-service consumed them in   %,8d ms  = %,8.0f rows/s (roster, outcomes, events)%n",
        consumed.toMillis(), rate(consumed));
    System.out.printf("  ... and their events all relayed  %,8d ms  = %,8.0f rows/s (the outbox empty)%n",
        relayed.toMillis(), rate(relayed));
    System.out.printf("  plain bulk upsert, same documents %,8d ms  = %,8.0f rows/s%n", bulk.toMillis(), rate(bulk));
    System.out.printf("  ratio                             %8.2f x%n", (double) consumed.toNanos() / bulk.toNanos());
  }

  /** Writes the members straight in the database, for a run that looks at the list only. */
  private void directly(List<MemberCreated> rows) {
    for (int from = 0; from < rows.size(); from += 1_000) {
      mongo.insert(rows.subList(from, Math.min(from + 1_000, rows.size())).stream().map(row -> Member.create(
          UUID.randomUUID().toString(), row.groupId(), row.person(), row.partner(), row.address(),
          Member.Source.importRow(row.importId(), row.rowNumber()), Instant.now())).toList(), Members.COLLECTION);
    }
  }

  /** Gives the roster the mix of statuses a real group has, straight in the database. */
  private void statuses(String groupId) {
    Query query = Query.query(where("groupId").is(groupId));
    query.fields().include("_id");
    List<String> ids = mongo.find(query, org.bson.Document.class, Members.COLLECTION).stream()
        .map(d -> d.getString("_id")).collect(Collectors.toList());
    Instant now = Instant.now();
    Random random = new Random(7);
    java.util.Collections.shuffle(ids, random);
    int n = ids.size();
    set(ids.subList(0, n * 35 / 100), new Update().set("account.lastLoginAt", now).set("account.passwordSetAt", now)
        .set("invitation.lastRequestedAt", now).set("invitation.state", "SENT"));
    set(ids.subList(n * 35 / 100, n * 60 / 100), new Update().set("invitation.lastRequestedAt", now)
        .set("invitation.state", "SENT"));
    set(ids.subList(n * 60 / 100, n * 63 / 100), new Update().set("invitation.lastRequestedAt", now)
        .set("invitation.state", "FAILED"));
    set(ids.subList(n * 63 / 100, n * 75 / 100), new Update().set("createdAt", now.minus(Duration.ofDays(90))));
    changes.record(groupId, ids);
  }

  private void set(List<String> ids, Update update) {
    for (int from = 0; from < ids.size(); from += 1_000) {
      mongo.updateMulti(Query.query(where("_id").in(ids.subList(from, Math.min(from + 1_000, ids.size())))),
          update, Members.COLLECTION);
    }
  }

  private void list(Api api, String groupId) {
    String path = "/api/groups/" + groupId + "/members?size=50&selection=";
    long first = time(() -> api.get(path + "ALL"));
    for (int i = 0; i < 3; i++) {
      for (Selection selection : Selection.values()) {
        api.get(path + selection);
      }
    }
    int rounds = Integer.getInteger("benchmark.rounds", 30);
    // The server's own timer, from here on: what member-service spends on a request, without the client.
    meters.find("http.server.requests").meters().forEach(meters::remove);
    List<Long> service = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (Selection selection : Selection.values()) {
        long took = time(() -> api.get(path + selection));
        service.add(took);
      }
    }
    io.micrometer.core.instrument.distribution.ValueAtPercentile[] atServer = meters.get("http.server.requests")
        .tag("uri", "/api/groups/{groupId}/members").tag("method", "GET").timer().takeSnapshot().percentileValues();
    List<Long> afterChange = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RosterFixtures.addMember(api, groupId, RosterFixtures.person("Nouveau", "Membre" + i, RosterFixtures.newEmail("new" + i)));
      afterChange.add(time(() -> api.get(path + "NEVER_LOGGED_IN")));
    }
    List<Long> database = new ArrayList<>();
    int dbRounds = Integer.getInteger("benchmark.database-rounds", 3);
    for (int round = 0; round < dbRounds; round++) {
      for (Selection selection : Selection.values()) {
        database.add(time(() -> straightOnTheDatabase(groupId, selection)));
      }
    }
    System.out.printf("%nFirst page (50) of each selection with the counts of all seven, %,d members "
        + "(load average %.1f)%n", MEMBERS, loadAverage());
    System.out.printf("  member-service, over HTTP    p50 %,7.1f ms  p95 %,7.1f ms  max %,7.1f ms  (%d requests)%n",
        ms(percentile(service, 50)), ms(percentile(service, 95)), ms(percentile(service, 100)), service.size());
    System.out.printf("  member-service, its own timer p50 %,7.1f ms  p95 %,7.1f ms  (http.server.requests)%n",
        atServer[0].value(java.util.concurrent.TimeUnit.MILLISECONDS),
        atServer[1].value(java.util.concurrent.TimeUnit.MILLISECONDS));
    System.out.printf("  first request after a change p50 %,7.1f ms  max %,7.1f ms  ("
        + "caught up from the change feed; very first, a whole read: %,.1f ms)%n", ms(percentile(afterChange, 50)), ms(percentile(afterChange, 100)), ms(first));
    if (database.isEmpty()) {
      return;
    }
    System.out.printf("  straight on the database     p50 %,7.1f ms  p95 %,7.1f ms  max %,7.1f ms  (%d queries: "
        + "7 counts + sorted page)%n", ms(percentile(database, 50)), ms(percentile(database, 95)),
        ms(percentile(database, 100)), database.size());
  }

  /** What the list would ask a database: the count of every selection, and the selection's first page. */
  private Object straightOnTheDatabase(String groupId, Selection selection) {
    Instant now = Instant.now();
    long[] counts = Arrays.stream(Selection.values()).mapToLong(s -> mongo.count(
        Query.query(where("groupId").is(groupId)).addCriteria(s.criteria(now)), Members.COLLECTION)).toArray();
    List<Member> page = mongo.find(Query.query(where("groupId").is(groupId)).addCriteria(selection.criteria(now))
        .with(org.springframework.data.domain.Sort.by("sortName", "_id")).limit(50), Member.class);
    return counts.length + page.size();
  }

  private void awaitConsumed() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("member-service")
            .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
            .filter(tp -> tp.topic().equals(Topics.MEMBERS_CREATED))
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        if (!latest.isEmpty()) {
          var ends = admin.listOffsets(latest).all().get();
          if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
              && committed.get(e.getKey()).offset() >= e.getValue().offset())) {
            return;
          }
        }
        Thread.sleep(200);
      }
    }
  }

  private static List<MemberCreated> rows(String groupId) {
    Random random = new Random(42);
    String importId = "benchmark-" + UUID.randomUUID();
    List<MemberCreated> rows = new ArrayList<>(MEMBERS);
    for (int i = 0; i < MEMBERS; i++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = "Nom" + Integer.toString(random.nextInt(1_000_000), 36);
      Person partner = i % 4 == 0 ? new Person("Conjoint" + i, last, null, null) : null;
      rows.add(new MemberCreated(UUID.randomUUID(), Instant.now(), importId, i + 2, groupId,
          new Person(first, last, "membre" + i + "@" + groupId + ".example", "+33 6 " + (10_000_000 + i)),
          partner, new Address(i + " rue des Lilas", null, "69001", CITIES[random.nextInt(CITIES.length)]),
          ExistingMemberPolicy.SKIP));
    }
    return rows;
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long time(Supplier<?> call) {
    long start = System.nanoTime();
    Object answer = call.get();
    if (answer instanceof Api.Answer a && a.status() != 200 && a.status() != 201) {
      throw new IllegalStateException(a.status() + " " + a.body());
    }
    return System.nanoTime() - start;
  }

  private static long percentile(List<Long> nanos, int percentile) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double rate(Duration duration) {
    return MEMBERS / (duration.toNanos() / 1e9);
  }

  private static String brokers() {
    return System.getProperty("KAFKA_BOOTSTRAP_SERVERS");
  }
}

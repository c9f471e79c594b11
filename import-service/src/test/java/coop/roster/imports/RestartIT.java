package coop.roster.imports;

import coop.roster.events.MemberCreated;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import coop.roster.stack.ChildProcess;
import coop.roster.stack.Endpoints;
import coop.roster.stack.FreePorts;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping import-service in the middle of publishing an import and starting it again loses no
 * row and sends none twice; killing it loses none either, and what it sends again carries the
 * same event ids, so nobody is twice in the roster.
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
class RestartIT {

  private static final int ROWS = 20_000;

  @Test
  void aServiceStoppedWhilePublishingResumesWithoutLosingOrRepeatingARow() {
    String group = "amap-" + UUID.randomUUID();
    String token = TestAccounts.fromSystemProperties().coordinatorToken("coord-" + group + "@example.org", group);
    MemberServiceStandIn memberService = MemberServiceStandIn.shared();

    String importId;
    int publishedBeforeStop;
    try (ConfigurableApplicationContext first = start()) {
      ImportApi api = api(first);
      var upload = api.upload(token, group, "adherents.csv", file());
      assertThat(upload.status()).as(upload.body()).isEqualTo(201);
      importId = upload.json().path("id").asString();
      assertThat(upload.json().path("counts").path("newMembers").asLong()).isEqualTo(ROWS);
      assertThat(api.confirm(token, group, importId, "SKIP", true).status()).isEqualTo(202);

      awaitReceived(memberService, importId, 2_000);
    }
    publishedBeforeStop = memberService.received(importId).size();
    JsonNode stopped = job(importId);
    assertThat(stopped.path("status").asString()).as("stopped in the middle of publishing").isEqualTo("PUBLISHING");
    assertThat(publishedBeforeStop).isLessThan(ROWS);
    assertThat(stopped.path("leaseOwner").isMissingNode()).as("the stopping replica let go of the job").isTrue();

    try (ConfigurableApplicationContext second = start()) {
      ImportApi api = api(second);
      JsonNode done = api.awaitImport(token, group, importId,
          json -> "COMPLETED".equals(json.path("status").asString()), Duration.ofMinutes(3));

      List<MemberCreated> received = memberService.received(importId);
      List<Integer> rows = MemberServiceStandIn.rows(received);
      assertThat(new HashSet<>(rows)).as("no row lost").isEqualTo(expectedRows());
      assertThat(rows).as("no row sent twice").hasSize(ROWS);
      assertThat(done.path("progress").path("published").asLong()).isEqualTo(ROWS);
      assertThat(done.path("progress").path("created").asLong()).isEqualTo(ROWS);
      assertThat(memberService.roster(group)).hasSize(ROWS);
      System.out.printf("stopped after %d of %d rows; resumed and completed without a row lost or repeated%n",
          publishedBeforeStop, ROWS);
    }
  }

  @Test
  void aServiceKilledWhilePublishingResumesAndWhatItSendsAgainCarriesTheSameEventIds() {
    String group = "amap-" + UUID.randomUUID();
    String token = TestAccounts.fromSystemProperties().coordinatorToken("coord-" + group + "@example.org", group);
    MemberServiceStandIn memberService = MemberServiceStandIn.shared();
    int port = FreePorts.next();

    String importId;
    try (ChildProcess crashing = startJar(port)) {
      ImportApi api = new ImportApi("http://127.0.0.1:" + port);
      var upload = api.upload(token, group, "adherents.csv", file());
      assertThat(upload.status()).as(upload.body()).isEqualTo(201);
      importId = upload.json().path("id").asString();
      assertThat(api.confirm(token, group, importId, "SKIP", true).status()).isEqualTo(202);
      awaitReceived(memberService, importId, 2_000);
      crashing.kill();
    }
    int receivedBeforeCrash = memberService.received(importId).size();
    assertThat(receivedBeforeCrash).as("killed in the middle of publishing").isLessThan(ROWS);

    try (ChildProcess restarted = startJar(port)) {
      ImportApi api = new ImportApi("http://127.0.0.1:" + port);
      api.awaitImport(token, group, importId, json -> "COMPLETED".equals(json.path("status").asString()),
          Duration.ofMinutes(5));

      List<MemberCreated> received = memberService.received(importId);
      assertThat(new HashSet<>(MemberServiceStandIn.rows(received))).as("no row lost").isEqualTo(expectedRows());
      var idsByRow = received.stream().collect(Collectors.groupingBy(MemberCreated::rowNumber,
          Collectors.mapping(MemberCreated::eventId, Collectors.toSet())));
      assertThat(idsByRow.values()).as("a row sent again carries the same event id").allMatch(ids -> ids.size() == 1);
      assertThat(received.size() - ROWS).as("rows sent again: at most the batch under way").isLessThanOrEqualTo(100);
      assertThat(memberService.roster(group)).as("nobody twice in the roster").hasSize(ROWS);
      System.out.printf("killed after %d of %d rows received; %d sent again with their event ids, none twice in "
          + "the roster%n", receivedBeforeCrash, ROWS, received.size() - ROWS);
    }
  }

  /** import-service as its own process, so it can be killed as a crash would. */
  private static ChildProcess startJar(int port) {
    Path jar = Path.of("target", "import-service.jar").toAbsolutePath();
    ChildProcess service = ChildProcess.start("import-service-" + port,
        ChildProcess.java(List.of("-Xmx256m"), jar.toString(), "org.springframework.boot.loader.launch.JarLauncher",
            List.of()),
        Map.of("SERVER_PORT", Integer.toString(port),
            Endpoints.KAFKA_BOOTSTRAP_SERVERS, System.getProperty(Endpoints.KAFKA_BOOTSTRAP_SERVERS),
            Endpoints.MONGODB_URI, System.getProperty(Endpoints.MONGODB_URI),
            Endpoints.KEYCLOAK_URL, System.getProperty(Endpoints.KEYCLOAK_URL),
            "IMPORT_PUBLISH_BATCH", "100", "IMPORT_POLL", "1s", "IMPORT_LEASE", "5s"),
        jar.getParent(), Path.of("target", "infra-logs", "import-service-" + port + ".log"));
    service.awaitReady(Duration.ofMinutes(3), () -> ready(port));
    return service;
  }

  private static boolean ready(int port) {
    ImportApi api = new ImportApi("http://127.0.0.1:" + port);
    try {
      return api.get(null, "/actuator/health/readiness").status() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(ImportServiceApplication.class)
        .properties("server.port=0", "roster.imports.publish-batch=100", "roster.imports.poll=1s",
            "roster.imports.lease=5s")
        .run();
  }

  private static ImportApi api(ConfigurableApplicationContext context) {
    return new ImportApi("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  /** Looks at the job the way an operator would, in import-service's database. */
  private static JsonNode job(String importId) {
    try (MongoClient client = MongoClients.create(System.getProperty(Endpoints.MONGODB_URI))) {
      var document = client.getDatabase("roster-imports").getCollection("imports")
          .find(new Document("_id", importId)).first();
      return ImportApi.JSON.readTree(document.toJson());
    }
  }

  private static void awaitReceived(MemberServiceStandIn memberService, String importId, int rows) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (memberService.received(importId).size() < rows) {
      assertThat(System.nanoTime()).as("publishing started").isLessThan(deadline);
      ImportApi.sleep(20);
    }
  }

  private static Set<Integer> expectedRows() {
    return IntStream.rangeClosed(2, ROWS + 1).boxed().collect(Collectors.toSet());
  }

  private static byte[] file() {
    StringBuilder file = new StringBuilder("Prénom;Nom;Courriel\r\n");
    for (int i = 1; i <= ROWS; i++) {
      file.append("Prénom").append(i).append(";Nom").append(i).append(";adherent").append(i)
          .append("@example.org\r\n");
    }
    return file.toString().getBytes(StandardCharsets.UTF_8);
  }
}

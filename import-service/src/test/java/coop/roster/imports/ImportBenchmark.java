package coop.roster.imports;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import coop.roster.imports.checking.CheckedRow;
import coop.roster.imports.checking.ColumnMapping;
import coop.roster.imports.checking.HeaderRecognition;
import coop.roster.imports.checking.RowChecker;
import coop.roster.imports.spreadsheet.ByteProfile;
import coop.roster.imports.spreadsheet.FileFormat;
import coop.roster.imports.spreadsheet.FormatDetection;
import coop.roster.imports.spreadsheet.SpreadsheetLimits;
import coop.roster.imports.spreadsheet.SpreadsheetReader;
import coop.roster.stack.ChildProcess;
import coop.roster.stack.Endpoints;
import coop.roster.stack.FreePorts;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures for the import budgets, printed, never asserted: parse-and-check rate of a 100,000-row
 * file; confirm → every row published, next to a plain bulk write of the same documents into the
 * same MongoDB server; and the peak heap of import-service (run from its jar with -Xmx256m) during
 * the whole import. member-service is not on this branch: "every row in the roster" is measured
 * with {@link MemberServiceStandIn} answering, which keeps its roster in memory; the real figure
 * comes from the system tests.
 *
 * <p>Run: {@code ./mvnw -B -pl import-service -am verify -Pbenchmark -Dit.test=ImportBenchmark}
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
class ImportBenchmark {

  private static final int ROWS = 100_000;
  private static final Pattern HEAP_USED = Pattern.compile(
      "^jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE);

  @Test
  void importOfAHundredThousandRows() throws Exception {
    byte[] file = file();
    System.out.printf("%n== import benchmark: %,d rows, %,d bytes ==%n", ROWS, file.length);
    parseAndCheckRate(file);

    int port = FreePorts.next();
    Path jar = Path.of("target", "import-service.jar").toAbsolutePath();
    Map<String, String> environment = Map.of(
        "SERVER_PORT", Integer.toString(port),
        Endpoints.KAFKA_BOOTSTRAP_SERVERS, System.getProperty(Endpoints.KAFKA_BOOTSTRAP_SERVERS),
        Endpoints.MONGODB_URI, System.getProperty(Endpoints.MONGODB_URI),
        Endpoints.KEYCLOAK_URL, System.getProperty(Endpoints.KEYCLOAK_URL),
        "IMPORT_POLL", "1s");
    try (ChildProcess service = ChildProcess.start("import-service-benchmark",
        ChildProcess.java(List.of("-Xmx256m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"), jar.toString(),
            "org.springframework.boot.loader.launch.JarLauncher", List.of()),
        environment, jar.getParent(), Path.of("target", "infra-logs", "import-service-benchmark.log"))) {
      service.awaitReady(Duration.ofMinutes(3), () -> ready(port));
      HeapSampler heap = new HeapSampler(port);
      Thread sampler = Thread.ofPlatform().daemon().start(heap);

      String group = "bench-" + UUID.randomUUID();
      String token = TestAccounts.fromSystemProperties().coordinatorToken("bench-" + group + "@example.org", group);
      ImportApi api = new ImportApi("http://127.0.0.1:" + port);
      MemberServiceStandIn memberService = MemberServiceStandIn.shared();

      long uploadStart = System.nanoTime();
      var upload = api.upload(token, group, "adherents.csv", file);
      long uploadNanos = System.nanoTime() - uploadStart;
      if (upload.status() != 201) {
        throw new AssertionError(upload.body());
      }
      String importId = upload.json().path("id").asString();
      System.out.printf("upload → preview over HTTP (GridFS, read, check, problems): %,d ms%n", uploadNanos / 1_000_000);

      long confirmStart = System.nanoTime();
      api.confirm(token, group, importId, "SKIP", true);
      api.awaitImport(token, group, importId, json -> json.path("progress").path("published").asLong() == ROWS,
          Duration.ofMinutes(10));
      long publishedNanos = System.nanoTime() - confirmStart;
      while (memberService.received(importId).size() < ROWS) {
        Thread.sleep(20);
      }
      long receivedNanos = System.nanoTime() - confirmStart;
      while (memberService.roster(group).size() < ROWS) {
        Thread.sleep(20);
      }
      long rosterNanos = System.nanoTime() - confirmStart;
      api.awaitImport(token, group, importId, json -> "COMPLETED".equals(json.path("status").asString()),
          Duration.ofMinutes(10));
      long completedNanos = System.nanoTime() - confirmStart;
      heap.stop();
      sampler.join();

      long bulkNanos = plainBulkWrite(memberService, group);
      System.out.printf("confirm → every row published (acknowledged by Kafka): %,d ms (%,.0f rows/s)%n",
          publishedNanos / 1_000_000, ROWS / (publishedNanos / 1e9));
      System.out.printf("confirm → every MemberCreated received by the consumer: %,d ms%n", receivedNanos / 1_000_000);
      System.out.printf("confirm → every row in the stand-in's in-memory roster: %,d ms%n", rosterNanos / 1_000_000);
      System.out.printf("confirm → report final (every outcome recorded): %,d ms%n", completedNanos / 1_000_000);
      System.out.printf("plain bulk write of the same %,d documents (insertMany, same MongoDB): %,d ms%n", ROWS,
          bulkNanos / 1_000_000);
      System.out.printf("ratio confirm → every row received / bulk write: %.2f× (budget 1.5× for the real roster)%n",
          (double) receivedNanos / bulkNanos);
      System.out.printf("import-service peak heap used during upload, preview and import: %,d MB (run with "
          + "-Xmx256m, budget 256 MB), %d samples%n", heap.peak() / (1024 * 1024), heap.samples());
    }
  }

  private static void parseAndCheckRate(byte[] file) {
    SpreadsheetReader reader = new SpreadsheetReader(new SpreadsheetLimits(200_000, 10_000, 500));
    for (int round = 0; round < 3; round++) {  // the first rounds warm the JIT up
      long start = System.nanoTime();
      FileFormat format = FormatDetection.detect(ByteProfile.of(file));
      List<String> header = reader.firstRow(new ByteArrayInputStream(file), format);
      ColumnMapping mapping = HeaderRecognition.propose(header);
      RowChecker checker = new RowChecker(mapping, Set.of(), 500);
      AtomicLong valid = new AtomicLong();
      boolean[] first = {true};
      reader.read(new ByteArrayInputStream(file), format, row -> {
        if (first[0]) {
          first[0] = false;
          return;
        }
        CheckedRow checked = checker.check(row);
        if (checked != null && checked.valid()) {
          valid.incrementAndGet();
        }
      });
      long nanos = System.nanoTime() - start;
      System.out.printf("parse and check, round %d: %,d valid rows in %,d ms = %,.0f rows/s%n", round + 1,
          valid.get(), nanos / 1_000_000, ROWS / (nanos / 1e9));
    }
  }

  /** The same documents member-service would hold, written in one insertMany per 1,000. */
  private static long plainBulkWrite(MemberServiceStandIn memberService, String group) {
    try (MongoClient client = MongoClients.create(System.getProperty(Endpoints.MONGODB_URI))) {
      MongoCollection<Document> members = client.getDatabase("bench-bulk").getCollection("members-" + group);
      List<Document> documents = new ArrayList<>();
      memberService.roster(group).forEach((email, member) -> documents.add(new Document("_id", member.memberId())
          .append("groupId", group).append("email", email)
          .append("firstName", member.person().firstName()).append("lastName", member.person().lastName())
          .append("phone", member.person().phone())));
      long start = System.nanoTime();
      for (int from = 0; from < documents.size(); from += 1000) {
        members.insertMany(documents.subList(from, Math.min(documents.size(), from + 1000)));
      }
      long nanos = System.nanoTime() - start;
      members.drop();
      return nanos;
    }
  }

  static boolean ready(int port) {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** Samples the service's heap in use (all heap pools) from its Prometheus endpoint. */
  static final class HeapSampler implements Runnable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;
    private volatile boolean running = true;
    private long peak;
    private int samples;

    HeapSampler(int port) {
      uri = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
    }

    @Override
    public void run() {
      while (running) {
        try {
          String metrics = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
          double used = 0;
          Matcher matcher = HEAP_USED.matcher(metrics);
          while (matcher.find()) {
            used += Double.parseDouble(matcher.group(1));
          }
          peak = Math.max(peak, (long) used);
          samples++;
          Thread.sleep(50);
        } catch (Exception e) {
          return;
        }
      }
    }

    void stop() {
      running = false;
    }

    long peak() {
      return peak;
    }

    int samples() {
      return samples;
    }
  }

  /** The benchmark's 100,000-row CSV file, as Cagette exports it; {@link WorkbookBenchmark} reads it too. */
  static byte[] file() {
    StringBuilder file = new StringBuilder("\uFEFFPrénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);"
        + "Nom conjoint(e);Courriel conjoint(e);Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville\r\n");
    for (int i = 1; i <= ROWS; i++) {
      file.append("Élise").append(i).append(";Dupré;adherent").append(i).append("@amap-des-lilas.example;06 12 34 ")
          .append(String.format("%02d %02d", i / 100 % 100, i % 100))
          .append(i % 3 == 0 ? ";Marc;Dupré;marc" + i + "@example.fr;06 98 76 54 32" : ";;;;")
          .append(";").append(i % 200).append(" rue des Lilas;;750").append(String.format("%02d", i % 20 + 1))
          .append(";Paris\r\n");
    }
    return file.toString().getBytes(StandardCharsets.UTF_8);
  }
}

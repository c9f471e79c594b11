package coop.roster.imports;

import coop.roster.imports.checking.CheckedRow;
import coop.roster.imports.checking.ColumnMapping;
import coop.roster.imports.checking.HeaderRecognition;
import coop.roster.imports.checking.RowChecker;
import coop.roster.imports.spreadsheet.FileFormat;
import coop.roster.imports.spreadsheet.SpreadsheetLimits;
import coop.roster.imports.spreadsheet.SpreadsheetReader;
import coop.roster.stack.ChildProcess;
import coop.roster.stack.Endpoints;
import coop.roster.stack.FreePorts;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figures for the workbook budget, printed, never asserted: a 100,000-row .xlsx (12 columns, its
 * strings in a shared-strings table as Excel writes them, phones as numbers) parsed and checked
 * in this JVM, then uploaded to import-service run from its jar with -Xmx256m (upload → preview
 * reads the file three times: first row, count, check), with the service's peak heap sampled.
 *
 * <p>Run: {@code ./mvnw -B -pl import-service -am verify -Pbenchmark -Dit.test=WorkbookBenchmark}
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
class WorkbookBenchmark {

  private static final int ROWS = 100_000;

  @Test
  void parseAndCheckOfAHundredThousandRowWorkbook() throws Exception {
    byte[] xlsx = xlsx();
    System.out.printf("%n== workbook benchmark: %,d rows, .xlsx of %,d bytes ==%n", ROWS, xlsx.length);
    parseAndCheckRate(xlsx);

    int port = FreePorts.next();
    Path jar = Path.of("target", "import-service.jar").toAbsolutePath();
    Map<String, String> environment = Map.of(
        "SERVER_PORT", Integer.toString(port),
        Endpoints.KAFKA_BOOTSTRAP_SERVERS, System.getProperty(Endpoints.KAFKA_BOOTSTRAP_SERVERS),
        Endpoints.MONGODB_URI, System.getProperty(Endpoints.MONGODB_URI),
        Endpoints.KEYCLOAK_URL, System.getProperty(Endpoints.KEYCLOAK_URL));
    try (ChildProcess service = ChildProcess.start("import-service-workbook-benchmark",
        ChildProcess.java(List.of("-Xmx256m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"), jar.toString(),
            "org.springframework.boot.loader.launch.JarLauncher", List.of()),
        environment, jar.getParent(), Path.of("target", "infra-logs", "import-service-workbook-benchmark.log"))) {
      service.awaitReady(Duration.ofMinutes(3), () -> ImportBenchmark.ready(port));
      ImportBenchmark.HeapSampler heap = new ImportBenchmark.HeapSampler(port);
      Thread sampler = Thread.ofPlatform().daemon().start(heap);
      String group = "bench-" + UUID.randomUUID();
      String token = TestAccounts.fromSystemProperties().coordinatorToken("bench-" + group + "@example.org", group);
      ImportApi api = new ImportApi("http://127.0.0.1:" + port);
      // The service fetches Keycloak's keys on its first authenticated request: not part of the figures.
      for (int attempt = 0; api.get(token, "/api/imports/template").status() != 200; attempt++) {
        if (attempt == 10) {
          throw new AssertionError("import-service never accepted the token");
        }
        ImportApi.sleep(1000);
      }

      for (int round = 1; round <= 3; round++) {
        long start = System.nanoTime();
        var upload = api.upload(token, group, "adherents.xlsx", xlsx);
        long nanos = System.nanoTime() - start;
        if (upload.status() != 201) {
          throw new AssertionError(upload.body());
        }
        System.out.printf("upload → preview over HTTP, round %d: %,d ms (%,.0f rows/s), %,d valid rows%n", round,
            nanos / 1_000_000, ROWS / (nanos / 1e9), upload.json().path("counts").path("newMembers").asLong());
      }
      heap.stop();
      sampler.join();
      System.out.printf("import-service peak heap used during three .xlsx uploads and previews: %,d MB (run with "
          + "-Xmx256m, budget 256 MB), %d samples%n", heap.peak() / (1024 * 1024), heap.samples());
    }
  }

  private static void parseAndCheckRate(byte[] xlsx) {
    SpreadsheetReader reader = new SpreadsheetReader(new SpreadsheetLimits(200_000, 10_000, 500));
    for (int round = 0; round < 3; round++) {  // the first rounds warm the JIT up
      long start = System.nanoTime();
      List<String> header = reader.firstRow(new ByteArrayInputStream(xlsx), FileFormat.WORKBOOK);
      ColumnMapping mapping = HeaderRecognition.propose(header);
      RowChecker checker = new RowChecker(mapping, Set.of(), 500);
      AtomicLong valid = new AtomicLong();
      boolean[] first = {true};
      reader.read(new ByteArrayInputStream(xlsx), FileFormat.WORKBOOK, row -> {
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
      System.out.printf("parse and check in the test JVM, round %d: %,d valid rows in %,d ms = %,.0f rows/s%n",
          round + 1, valid.get(), nanos / 1_000_000, ROWS / (nanos / 1e9));
    }
  }

  /** The rows of ImportBenchmark's CSV file, as Excel saves them: shared strings, phones as numbers. */
  private static byte[] xlsx() throws IOException {
    List<String> header = List.of("Prénom", "Nom", "Courriel", "Téléphone portable", "Prénom conjoint(e)",
        "Nom conjoint(e)", "Courriel conjoint(e)", "Téléphone conjoint(e)", "Adresse 1", "Adresse 2", "Code postal",
        "Ville");
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 500, true, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var sheet = workbook.createSheet("Adhérents");
      var first = sheet.createRow(0);
      for (int i = 0; i < header.size(); i++) {
        first.createCell(i).setCellValue(header.get(i));
      }
      for (int i = 1; i <= ROWS; i++) {
        var row = sheet.createRow(i);
        row.createCell(0).setCellValue("Élise" + i);
        row.createCell(1).setCellValue("Dupré");
        row.createCell(2).setCellValue("adherent" + i + "@amap-des-lilas.example");
        row.createCell(3).setCellValue(612340000 + i % 10_000);
        if (i % 3 == 0) {
          row.createCell(4).setCellValue("Marc");
          row.createCell(5).setCellValue("Dupré");
          row.createCell(6).setCellValue("marc" + i + "@example.fr");
          row.createCell(7).setCellValue(698765432);
        }
        row.createCell(8).setCellValue(i % 200 + " rue des Lilas");
        row.createCell(10).setCellValue(String.format("750%02d", i % 20 + 1));
        row.createCell(11).setCellValue("Paris");
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }
}

package coop.roster.imports;

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
 * reads the file three times: first row, count, check), with the service's peak heap sampled; the
 * same for {@link ImportBenchmark}'s CSV file of the same rows, in the same run, printed beside.
 *
 * <p>Run: {@code ./mvnw -B -pl import-service -am verify -Pbenchmark -Dit.test=WorkbookBenchmark}
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
class WorkbookBenchmark {

  private static final int ROWS = 100_000;

  @Test
  void parseAndCheckOfAHundredThousandRowWorkbook() throws Exception {
    byte[] xlsx = xlsx();
    byte[] csv = ImportBenchmark.file();
    System.out.printf("%n== workbook benchmark: %,d rows, .xlsx of %,d bytes, .csv of %,d bytes ==%n", ROWS,
        xlsx.length, csv.length);
    double xlsxRate = parseAndCheckRate(".xlsx", xlsx, FileFormat.WORKBOOK);
    double csvRate = parseAndCheckRate(".csv", csv, FormatDetection.detect(ByteProfile.of(csv)));

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
      Uploads xlsxUploads = uploads(api, port, token, group, "adherents.xlsx", xlsx);
      Uploads csvUploads = uploads(api, port, token, group, "adherents.csv", csv);

      System.out.printf("%n| %,d rows | parse and check (test JVM, best of 3) | upload → preview (best of 3) "
          + "| import-service peak heap (-Xmx256m) |%n|---|---|---|---|%n", ROWS);
      System.out.printf("| .xlsx | %,.0f rows/s | %,d ms | %,d MB |%n", xlsxRate, xlsxUploads.bestMillis(),
          xlsxUploads.peakHeapMb());
      System.out.printf("| .csv | %,.0f rows/s | %,d ms | %,d MB |%n", csvRate, csvUploads.bestMillis(),
          csvUploads.peakHeapMb());
    }
  }

  /** Three uploads → preview of one file, timed, with the service's peak heap sampled meanwhile. */
  private record Uploads(long bestMillis, long peakHeapMb) {
  }

  private static Uploads uploads(ImportApi api, int port, String token, String group, String name, byte[] file)
      throws InterruptedException {
    ImportBenchmark.HeapSampler heap = new ImportBenchmark.HeapSampler(port);
    Thread sampler = Thread.ofPlatform().daemon().start(heap);
    long best = Long.MAX_VALUE;
    for (int round = 1; round <= 3; round++) {
      long start = System.nanoTime();
      var upload = api.upload(token, group, name, file);
      long nanos = System.nanoTime() - start;
      if (upload.status() != 201) {
        throw new AssertionError(upload.body());
      }
      // Abandoned at once: a group keeps only so many unconfirmed uploads.
      api.cancel(token, group, upload.json().path("id").asString());
      best = Math.min(best, nanos / 1_000_000);
      System.out.printf("%s: upload → preview over HTTP, round %d: %,d ms (%,.0f rows/s), %,d valid rows%n", name,
          round, nanos / 1_000_000, ROWS / (nanos / 1e9), upload.json().path("counts").path("newMembers").asLong());
    }
    heap.stop();
    sampler.join();
    System.out.printf("%s: import-service peak heap used during three uploads and previews: %,d MB (run with "
        + "-Xmx256m, budget 256 MB), %d samples%n", name, heap.peak() / (1024 * 1024), heap.samples());
    return new Uploads(best, heap.peak() / (1024 * 1024));
  }

  /** Parses and checks the file three times in this JVM (the first rounds warm the JIT up); answers the best rate. */
  private static double parseAndCheckRate(String label, byte[] file, FileFormat format) {
    SpreadsheetReader reader = new SpreadsheetReader(new SpreadsheetLimits(200_000, 10_000, 500));
    double best = 0;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
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
      double rate = ROWS / (nanos / 1e9);
      best = Math.max(best, rate);
      System.out.printf("%s: parse and check in the test JVM, round %d: %,d valid rows in %,d ms = %,.0f rows/s%n",
          label, round + 1, valid.get(), nanos / 1_000_000, rate);
    }
    return best;
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

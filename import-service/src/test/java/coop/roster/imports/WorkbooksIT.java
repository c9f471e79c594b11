package coop.roster.imports;

import coop.roster.events.MemberCreated;
import coop.roster.events.Person;
import coop.roster.imports.ImportApi.Answer;
import coop.roster.imports.ImportApi.Download;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workbooks saved by Excel (.xlsx) and LibreOffice (.ods) go through the same pipeline as a CSV
 * file: header recognition, remembered mapping, every check, preview, confirmation, report; and
 * the template is offered in both formats.
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
// Closed after the class: its publisher would otherwise take part in RestartIT's jobs as another replica.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"roster.imports.poll=1s", "roster.imports.lease=5s"})
class WorkbooksIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final List<String> CAGETTE = List.of("Prénom", "Nom", "Courriel", "Téléphone portable",
      "Prénom conjoint(e)", "Nom conjoint(e)", "Courriel conjoint(e)", "Téléphone conjoint(e)", "Adresse 1",
      "Adresse 2", "Code postal", "Ville");
  /** The template's columns: Cagette's, then the member's language. */
  private static final List<String> TEMPLATE = Stream.concat(CAGETTE.stream(), Stream.of("Langue")).toList();

  @Autowired
  Environment environment;

  private ImportApi api;
  private MemberServiceStandIn memberService;
  private String group;
  private String token;

  @BeforeEach
  void coordinatorOfANewGroup() {
    api = new ImportApi("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"));
    memberService = MemberServiceStandIn.shared();
    group = "amap-" + UUID.randomUUID();
    token = TestAccounts.fromSystemProperties().coordinatorToken("elise-" + group + "@example.org", group);
  }

  @Test
  void importsAnExcelWorkbookAsExcelShowsItAndReportsEveryRowByItsSpreadsheetLine() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> {
      row(workbook.createSheet("Notes"), 0, "Ne pas importer");
      workbook.setSheetHidden(0, true);
      XSSFSheet sheet = workbook.createSheet("Adhérents 2026");
      workbook.setActiveSheet(1);
      row(sheet, 0, "Prénom", "Nom", "", "Courriel", "Téléphone");
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 1, 2));  // "Nom" spans the name and a note
      XSSFRow anne = row(sheet, 1, "Anne", "Dupré", "épouse Martin", "anne@example.org");
      anne.createCell(4).setCellValue(612345678);
      XSSFRow paul = row(sheet, 4, "Paul", "Martin", "");
      paul.createCell(3).setCellFormula("LOWER(A5)&\".martin@example.org\"");
      paul.getCell(3).setCellValue("paul.martin@example.org");
      row(sheet, 5, "", "Sans-Prénom", "", "sans.prenom@example.org");
      row(sheet, 6, "Karim", "Benali", "", "karim" + MemberServiceStandIn.REFUSED_DOMAIN);
    });
    JsonNode preview = uploaded("adherents.xlsx", xlsx);

    assertThat(preview.path("status").asString()).isEqualTo("READY");
    assertThat(counts(preview)).containsExactly(4L, 3L, 0L, 1L);
    assertThat(messages(preview)).containsExactly("La ligne 6 n’a pas de prénom.");
    JsonNode anne = preview.path("sample").get(0);
    assertThat(anne.path("line").asLong()).isEqualTo(2);
    assertThat(anne.path("person").path("phone").asString()).isEqualTo("06 12 34 56 78");

    JsonNode report = confirmedAndReported(preview);

    assertThat(report.path("created").asLong()).isEqualTo(2);
    assertThat(report.path("rejected").asLong()).isEqualTo(2);
    assertThat(memberService.roster(group)).containsOnlyKeys("anne@example.org", "paul.martin@example.org");
    assertThat(memberService.roster(group).get("anne@example.org").person())
        .isEqualTo(new Person("Anne", "Dupré", "anne@example.org", "06 12 34 56 78"));
    assertThat(memberService.received(importId(preview))).extracting(MemberCreated::rowNumber)
        .containsExactlyInAnyOrder(2, 5, 7);
    Answer rejected = api.get(token, "/api/groups/" + group + "/imports/" + importId(preview) + "/rejected.csv");
    assertThat(rejected.body()).contains("Karim;Benali;karim@refused.example").contains("Ligne 7 refusée");
  }

  @Test
  void listsTheSheetsOfAWorkbookHiddenOnesMarkedAndReadsTheOneChosen() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> {
      XSSFSheet notes = workbook.createSheet("Notes");
      row(notes, 0, "Ne pas importer");
      workbook.setSheetHidden(0, true);
      XSSFSheet current = workbook.createSheet("Adhérents 2026");
      row(current, 0, "Prénom", "Nom", "Courriel");
      row(current, 1, "Anne", "Dupré", "anne@example.org");
      XSSFSheet last = workbook.createSheet("2025");
      row(last, 0, "Prénom", "Nom", "Courriel");
      row(last, 1, "Paul", "Martin", "paul@example.org");
      row(last, 2, "Léa", "Petit", "lea@example.org");
      row(last, 3, "Karim", "Benali", "");
    });
    JsonNode preview = uploaded("adherents.xlsx", xlsx);

    assertThat(preview.path("file").path("sheet").asString()).isEqualTo("Adhérents 2026");
    assertThat(preview.path("file").path("sheets").valueStream()
        .map(sheet -> sheet.path("name").asString() + ":" + sheet.path("hidden").asBoolean()))
        .containsExactly("Notes:true", "Adhérents 2026:false", "2025:false");
    assertThat(counts(preview)).containsExactly(1L, 1L, 0L, 0L);

    Answer chosen = api.chooseSheet(token, group, importId(preview), "{\"sheet\":\"2025\"}");

    assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
    assertThat(chosen.json().path("file").path("sheet").asString()).isEqualTo("2025");
    assertThat(counts(chosen.json())).containsExactly(3L, 2L, 0L, 1L);
    assertThat(messages(chosen.json())).containsExactly("La ligne 4 n’a pas de courriel.");
    Answer unknown = api.chooseSheet(token, group, importId(preview), "{\"sheet\":\"Budget\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("detail").asString()).isEqualTo("Le classeur n’a pas de feuille « Budget ».");
    assertThat(counts(api.preview(token, group, importId(preview)).json())).containsExactly(3L, 2L, 0L, 1L);

    confirmedAndReported(chosen.json());

    assertThat(memberService.roster(group)).containsOnlyKeys("paul@example.org", "lea@example.org");
  }

  @Test
  void importsALibreOfficeWorkbookAndRemembersTheColumnsOfOneWithoutHeaders() {
    byte[] ods = WorkbookFiles.ods("", "<table:table table:name=\"Adhérents\">"
        + odsRow("Prénom", "Nom", "Courriel", "Téléphone portable", "Code postal", "Ville")
        + "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"6\"/>"
        + "</table:table-row>"
        + "<table:table-row>" + odsCell("Élise") + odsCell("Dupré") + odsCell("elise@example.org")
        + "<table:table-cell office:value-type=\"float\" office:value=\"612345678\"><text:p>612345678</text:p>"
        + "</table:table-cell>" + odsCell("75020") + odsCell("Paris") + "</table:table-row>"
        + odsRow("Jean", "Martin", "jean.martin@", "", "", "")
        + "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell "
        + "table:number-columns-repeated=\"1024\"/></table:table-row></table:table>");

    JsonNode preview = uploaded("adherents.ods", ods);

    assertThat(preview.path("status").asString()).isEqualTo("READY");
    assertThat(counts(preview)).containsExactly(2L, 1L, 0L, 1L);
    assertThat(messages(preview)).containsExactly(
        "Ligne 5 : l’adresse est incomplète, « Adresse 1 » manque ; elle sera importée telle quelle.",
        "Ligne 6, « Courriel » : « jean.martin@ » n’est pas un courriel valide.");
    confirmedAndReported(preview);
    assertThat(memberService.roster(group).get("elise@example.org").person())
        .isEqualTo(new Person("Élise", "Dupré", "elise@example.org", "06 12 34 56 78"));

    byte[] noHeader = WorkbookFiles.ods("", "<table:table table:name=\"Feuille1\">"
        + odsRow("Zoé", "Cœur", "zoe@example.org") + odsRow("Marc", "Petit", "marc@example.org") + "</table:table>");
    JsonNode first = uploaded("sans-titres.ods", noHeader);
    assertThat(first.path("status").asString()).isEqualTo("NEEDS_MAPPING");
    Answer mapped = api.map(token, group, importId(first),
        "{\"headerRow\":false,\"columns\":[\"FIRST_NAME\",\"LAST_NAME\",\"EMAIL\"]}");
    assertThat(mapped.json().path("status").asString()).isEqualTo("READY");
    assertThat(counts(mapped.json())).containsExactly(2L, 2L, 0L, 0L);
    JsonNode next = uploaded("sans-titres.ods", noHeader);
    assertThat(next.path("mapping").path("source").asString()).isEqualTo("REMEMBERED");
  }

  @Test
  void offersTheTemplateAsExcelAndLibreOfficeWorkbooksThatImportWithNoMappingStep() throws IOException {
    Download xlsx = api.download(token, "/api/imports/template?lang=fr&format=xlsx");
    Download ods = api.download(token, "/api/imports/template?lang=en&format=ods");

    assertThat(xlsx.status()).isEqualTo(200);
    assertThat(api.get(token, "/api/imports/template?format=pdf").status()).isEqualTo(400);
    assertThat(xlsx.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(ods.contentType()).isEqualTo("application/vnd.oasis.opendocument.spreadsheet");
    byte[] filled;
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()));
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = workbook.getSheetAt(0);
      List<String> header = new java.util.ArrayList<>();
      sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
      assertThat(header).isEqualTo(TEMPLATE);
      row(sheet, 1, "Anne", "Smith", "anne@example.org", "06 12 34 56 78");
      workbook.write(out);
      filled = out.toByteArray();
    }
    JsonNode fromExcel = uploaded("modele.xlsx", filled);
    assertThat(fromExcel.path("status").asString()).isEqualTo("READY");
    assertThat(counts(fromExcel)).containsExactly(1L, 1L, 0L, 0L);

    Answer odsHeaderOnly = api.upload(token, group, "template.ods", ods.body());
    assertThat(odsHeaderOnly.json().path("reason").asString())
        .as("the English headers are recognised: the file is only headers").isEqualTo("HEADER_ONLY");
    JsonNode fromLibreOffice = uploaded("template.ods", WorkbookFiles.odsWithRow(ods.body(),
        odsRow("Zoé", "Cœur", "zoe@example.org")));
    assertThat(fromLibreOffice.path("status").asString()).isEqualTo("READY");
    assertThat(counts(fromLibreOffice)).containsExactly(1L, 1L, 0L, 0L);
  }

  private static XSSFRow row(XSSFSheet sheet, int index, String... values) {
    XSSFRow row = sheet.createRow(index);
    for (int i = 0; i < values.length; i++) {
      row.createCell(i).setCellValue(values[i]);
    }
    return row;
  }

  private static String odsRow(String... values) {
    StringBuilder row = new StringBuilder("<table:table-row>");
    for (String value : values) {
      row.append(value.isEmpty() ? "<table:table-cell/>" : odsCell(value));
    }
    return row.append("</table:table-row>").toString();
  }

  private static String odsCell(String value) {
    return "<table:table-cell office:value-type=\"string\"><text:p>" + value + "</text:p></table:table-cell>";
  }

  private JsonNode uploaded(String name, byte[] content) {
    Answer answer = api.upload(token, group, name, content);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json();
  }

  private JsonNode confirmedAndReported(JsonNode preview) {
    Answer confirmed = api.confirm(token, group, importId(preview), "SKIP", true);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(202);
    api.awaitImport(token, group, importId(preview), json -> "COMPLETED".equals(json.path("status").asString()),
        PATIENCE);
    JsonNode report = api.report(token, group, importId(preview)).json();
    assertThat(report.path("finished").asBoolean()).isTrue();
    return report;
  }

  private static List<Long> counts(JsonNode preview) {
    JsonNode counts = preview.path("counts");
    return List.of(counts.path("rows").asLong(), counts.path("newMembers").asLong(),
        counts.path("alreadyMembers").asLong(), counts.path("invalid").asLong());
  }

  private static List<String> messages(JsonNode preview) {
    return preview.path("problems").path("items").valueStream().map(item -> item.path("message").asString()).toList();
  }

  private static String importId(JsonNode preview) {
    return preview.path("id").asString();
  }
}

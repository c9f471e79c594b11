package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.ExistingMemberPolicy;
import coop.roster.events.ImportRowOutcome;
import coop.roster.events.MemberCreated;
import coop.roster.events.Person;
import coop.roster.events.Topics;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static coop.roster.member.support.RosterFixtures.newEmail;
import static org.assertj.core.api.Assertions.assertThat;

/** The export, read back the way import-service reads a spreadsheet, gives the same roster. */
@AgainstRealServers
class ExportIT {

  @LocalServerPort
  int port;

  @Test
  void anExportImportedIntoAnotherGroupGivesTheSameRosterHouseholdsIncluded() throws Exception {
    RosterFixtures roster = new RosterFixtures(port);
    String source = RosterFixtures.newGroupId("export");
    Api sourceApi = roster.newGroup(source);
    Map<String, String> address = Map.of("line1", "3 rue des Lilas", "line2", "Bâtiment B\nEscalier 2",
        "postcode", "69001", "city", "Lyon");
    String jeanne = RosterFixtures.addMember(sourceApi, source, Map.of("firstName", "Jeanne",
        "lastName", "Martin; \"la Grande\"", "email", newEmail("jeanne"), "phone", "+33 6 12 34 56 78",
        "partner", Map.of("firstName", "Léo", "lastName", "Martin"), "address", address));
    RosterFixtures.addMember(sourceApi, source, Map.of("firstName", "Paul", "lastName", "Zola",
        "email", newEmail("paul"), "phone", "-", "address", address, "partnerOf", jeanne));
    RosterFixtures.addMember(sourceApi, source, Map.of("firstName", "=HYPERLINK(\"http://x\")", "lastName", "@Œuvray",
        "email", newEmail("formula")));

    Api.Answer export = sourceApi.get("/api/groups/" + source + "/members/export");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.contentType()).startsWith("text/csv");
    byte[] bytes = export.raw().body();
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    assertThat(text).startsWith(String.join(";", MemberCsv.HEADERS) + "\r\n");
    assertThat(text).contains(";'+33 6 12 34 56 78;").contains("'=HYPERLINK").contains("'@Œuvray").contains(";'-;");
    List<String> lines = text.lines().toList();
    int jeanneLine = lines.indexOf(lines.stream().filter(l -> l.startsWith("Jeanne;")).findFirst().orElseThrow());
    assertThat(lines.get(jeanneLine + 2)).as("Paul Zola follows Jeanne Martin (her address holds a line break), "
        + "before Œuvray").startsWith("Paul;Zola;").contains(";Jeanne;");

    String target = RosterFixtures.newGroupId("reimport");
    Api targetApi = roster.newGroup(target);
    List<MemberCreated> rows = reimport(text, target);
    Kafka.publish(rows.toArray(MemberCreated[]::new));
    String importId = rows.getFirst().importId();
    assertThat(Kafka.await(Topics.IMPORTS_OUTCOMES, ImportRowOutcome.class, o -> o.importId().equals(importId),
        rows.size())).hasSize(rows.size());

    assertThat(details(targetApi, target)).containsExactlyInAnyOrderElementsOf(details(sourceApi, source));
    JsonNode paul = RosterFixtures.list(targetApi, target, "?q=zola").at("/members/0");
    assertThat(targetApi.get("/api/groups/" + target + "/members/" + paul.get("id").asString()).json()
        .at("/partnerMember/firstName").asString()).isEqualTo("Jeanne");
  }

  @Test
  void anXlsxExportHoldsTheSameColumnsAsTextCellsThatNoSpreadsheetRunsAsFormulas() throws Exception {
    RosterFixtures roster = new RosterFixtures(port);
    String group = RosterFixtures.newGroupId("xlsx");
    Api api = roster.newGroup(group);
    String jeanne = newEmail("jeanne");
    RosterFixtures.addMember(api, group, Map.of("firstName", "Jeanne", "lastName", "Martin",
        "email", jeanne, "phone", "06 12 34 56 78",
        "address", Map.of("line1", "3 rue des Lilas", "postcode", "01000", "city", "Bourg-en-Bresse")));
    RosterFixtures.addMember(api, group, Map.of("firstName", "=1+1", "lastName", "@Œuvray",
        "email", newEmail("formula"), "phone", "+33 6 98 76 54 32"));

    Api.Answer export = api.get("/api/groups/" + group + "/members/export?format=xlsx");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.contentType()).isEqualTo(MemberController.XLSX);
    assertThat(export.raw().headers().firstValue("Content-Disposition").orElseThrow()).contains(".xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.raw().body()))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(cells(sheet.getRow(0))).isEqualTo(MemberCsv.HEADERS);
      Map<String, List<String>> byEmail = new java.util.HashMap<>();
      for (int line = 1; line <= sheet.getLastRowNum(); line++) {
        Row row = sheet.getRow(line);
        for (Cell cell : row) {
          assertThat(cell.getCellType()).as("cell %s", cell.getAddress()).isEqualTo(CellType.STRING);
          assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("@");
        }
        byEmail.put(cells(row).get(2), cells(row));
      }
      assertThat(byEmail).hasSize(3);
      assertThat(byEmail.get(jeanne)).containsExactly("Jeanne", "Martin", jeanne, "06 12 34 56 78", "", "", "", "",
          "3 rue des Lilas", "", "01000", "Bourg-en-Bresse", "");
      List<String> formula = byEmail.values().stream().filter(r -> r.getFirst().equals("=1+1")).findFirst()
          .orElseThrow();
      assertThat(formula.subList(0, 4)).containsExactly("=1+1", "@Œuvray", formula.get(2), "+33 6 98 76 54 32");
      Row formulaRow = sheet.getRow(rowOf(sheet, formula.get(2)));
      assertThat(formulaRow.getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
    }
  }

  @Test
  void anExportHoldsTheSelectionAndTheSearchShownInTheList() {
    RosterFixtures roster = new RosterFixtures(port);
    String group = RosterFixtures.newGroupId("chosen");
    Api api = roster.newGroup(group);
    RosterFixtures.addMember(api, group, RosterFixtures.person("Jeanne", "Martin", newEmail("jeanne")));
    RosterFixtures.addMember(api, group, RosterFixtures.person("Paul", "Martin", newEmail("paul")));
    RosterFixtures.addMember(api, group, RosterFixtures.person("Agnès", "Durand", newEmail("agnes")));

    String text = api.get("/api/groups/" + group + "/members/export?selection=NEVER_INVITED&q=martin&sort=firstName,desc")
        .body();

    assertThat(text.lines().skip(1).map(line -> line.split(";")[0]).toList()).containsExactly("Paul", "Jeanne");
  }

  @Test
  void anUnknownFormatIsRefusedInTheCallersLanguage() {
    RosterFixtures roster = new RosterFixtures(port);
    String group = RosterFixtures.newGroupId("format");
    Api api = roster.newGroup(group);

    Api.Answer refused = api.inLanguage("en").get("/api/groups/" + group + "/members/export?format=pdf");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asString()).isEqualTo("Unknown export format \"pdf\". Choose csv or xlsx.");
  }

  private static int rowOf(Sheet sheet, String email) {
    for (Row row : sheet) {
      if (row.getCell(2) != null && email.equals(row.getCell(2).getStringCellValue())) {
        return row.getRowNum();
      }
    }
    return -1;
  }

  private static List<String> cells(Row row) {
    List<String> cells = new ArrayList<>();
    for (int column = 0; column < MemberCsv.HEADERS.size(); column++) {
      Cell cell = row.getCell(column);
      cells.add(cell == null ? "" : cell.getStringCellValue());
    }
    return cells;
  }

  /** The rows as import-service reads the file: the known headers, one leading apostrophe removed. */
  private static List<MemberCreated> reimport(String csv, String groupId) throws Exception {
    String importId = "reimport-" + UUID.randomUUID();
    List<MemberCreated> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.Builder.create(CSVFormat.EXCEL)
        .setDelimiter(';').setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord record : parser) {
        rows.add(new MemberCreated(UUID.randomUUID(), Instant.now(), importId, (int) record.getRecordNumber() + 1,
            groupId,
            new Person(cell(record, "Prénom"), cell(record, "Nom"), cell(record, "Courriel"),
                cell(record, "Téléphone portable")),
            new Person(cell(record, "Prénom conjoint(e)"), cell(record, "Nom conjoint(e)"),
                cell(record, "Courriel conjoint(e)"), cell(record, "Téléphone conjoint(e)")),
            new Address(cell(record, "Adresse 1"), cell(record, "Adresse 2"), cell(record, "Code postal"),
                cell(record, "Ville")),
            ExistingMemberPolicy.UPDATE));
      }
    }
    return rows;
  }

  private static String cell(CSVRecord record, String header) {
    String value = record.get(header);
    if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0) {
      value = value.substring(1);
    }
    return value.isEmpty() ? null : value;
  }

  /** Each member's details, whatever their ids. */
  private static List<String> details(Api api, String groupId) {
    JsonNode list = RosterFixtures.list(api, groupId, "?size=200");
    List<String> details = new ArrayList<>();
    for (JsonNode member : list.get("members")) {
      if (!member.at("/person/lastName").asString().equals("Coordinatrice")) {
        details.add(member.get("person").toString() + member.path("partner") + member.path("address"));
      }
    }
    return details;
  }
}

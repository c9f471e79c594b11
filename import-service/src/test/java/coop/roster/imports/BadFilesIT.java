package coop.roster.imports;

import coop.roster.imports.ImportApi.Answer;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that cannot be imported get a message a coordinator understands; nothing of them is kept
 * or published, and the service stays healthy.
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
// Closed after the class: its publisher would otherwise take part in RestartIT's jobs as another replica.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadFilesIT {

  private static final String CAGETTE_HEADER = "Prénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);"
      + "Nom conjoint(e);Courriel conjoint(e);Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville\r\n";

  @Autowired
  Environment environment;
  @Autowired
  MongoTemplate mongo;

  private ImportApi api;
  private String group;
  private String token;
  private long uploadsBefore;

  @BeforeEach
  void coordinatorOfANewGroup() {
    api = new ImportApi("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"));
    group = "amap-" + UUID.randomUUID();
    token = TestAccounts.fromSystemProperties().coordinatorToken("coord-" + group + "@example.org", group);
    uploadsBefore = mongo.getCollection("uploads.files").countDocuments();
  }

  @AfterEach
  void nothingIsKeptAndTheServiceStaysHealthy() {
    assertThat(mongo.getCollection("imports").countDocuments(new Document("groupId", group))).isZero();
    assertThat(mongo.getCollection("uploads.files").countDocuments()).isEqualTo(uploadsBefore);
    Answer health = api.get(null, "/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("\"UP\"");
  }

  @Test
  void refusesAnEmptyFile() {
    assertRefused(new byte[0], "EMPTY", "Le fichier est vide : il n’y a aucun adhérent à importer.");
  }

  @Test
  void refusesAFileWithItsHeaderOnly() {
    assertRefused(utf8WithBom(CAGETTE_HEADER), "HEADER_ONLY",
        "Le fichier ne contient que la ligne des titres de colonnes : il n’y a aucun adhérent à importer.");
  }

  @Test
  void refusesAPictureRenamedCsv() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
    assertRefused(png, "IMAGE", "Ce fichier est une image, pas un tableur. Choisissez le fichier CSV de vos adhérents.");
  }

  @Test
  void refusesAnOldExcelWorkbookAndSaysHowToSaveItAsXlsx() {
    assertRefused("adherents.xls", WorkbookFiles.xls(), "OLD_EXCEL", "Ce fichier est un classeur Excel 97-2003 (.xls), "
        + "un format que Roster ne lit pas. Dans Excel, choisissez « Enregistrer sous » puis « Classeur Excel (.xlsx) » "
        + "(ou, dans LibreOffice, le format .ods) et importez ce nouveau fichier.");
  }

  @Test
  void refusesPasswordProtectedWorkbooks() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> workbook.createSheet("Adhérents").createRow(0).createCell(0)
        .setCellValue("Prénom"));
    String detail = "Ce classeur est protégé par un mot de passe : Roster ne peut pas le lire. Ouvrez-le dans votre "
        + "tableur, retirez le mot de passe (Fichier › Informations › Protéger le classeur, ou Fichier › Propriétés › "
        + "Sécurité dans LibreOffice), enregistrez-le et importez-le de nouveau.";

    assertRefused("adherents.xlsx", WorkbookFiles.encrypted(xlsx, "secret"), "WORKBOOK_PROTECTED", detail);
    assertRefused("adherents.ods", WorkbookFiles.encryptedOds(), "WORKBOOK_PROTECTED", detail);
  }

  @Test
  void refusesAWorkbookThatUnpacksToFarMoreThanItHolds() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> workbook.createSheet("Adhérents").createRow(0).createCell(0)
        .setCellValue("Prénom"));
    byte[] bomb = WorkbookFiles.padded(xlsx, 500 * 1024 * 1024);

    assertThat(bomb.length).as("a few hundred kilobytes").isLessThan(1024 * 1024);
    assertRefused("adherents.xlsx", bomb, "WORKBOOK_BOMB", "Ce classeur se décompresse en beaucoup plus de données "
        + "qu’une liste d’adhérents n’en contient : il n’a pas été lu. Ouvrez-le dans votre tableur, enregistrez-le de "
        + "nouveau et importez ce nouveau fichier.");
  }

  @Test
  void refusesADamagedWorkbook() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> workbook.createSheet("Adhérents").createRow(0).createCell(0)
        .setCellValue("Prénom"));

    assertRefused("adherents.xlsx", java.util.Arrays.copyOf(xlsx, xlsx.length / 2), "WORKBOOK_DAMAGED",
        "Ce classeur est abîmé et ne peut pas être lu. Ouvrez-le dans votre tableur, enregistrez-le de nouveau (.xlsx, "
            + ".ods ou CSV) et importez ce nouveau fichier.");
  }

  @Test
  void stopsReadingAMillionRowWorkbookAtTheLimit() {
    byte[] xlsx = WorkbookFiles.largeXlsx(List.of("Prénom", "Nom", "Courriel"), 1_000_000 - 1);

    assertThat(xlsx.length).as("under the size limit").isLessThan(20 * 1024 * 1024);
    assertRefused("adherents.xlsx", xlsx, "TOO_MANY_ROWS",
        "Le fichier contient plus de 200\u202F000 lignes, le maximum pour une importation. Découpez-le en plusieurs fichiers.");
  }

  @Test
  void refusesABinaryFile() {
    byte[] binary = new byte[4096];
    new java.util.Random(42).nextBytes(binary);
    binary[0] = 0;
    assertRefused(binary, "NOT_TEXT", "Ce fichier n’est pas un tableur au format CSV. Depuis votre tableur, "
        + "choisissez « Enregistrer sous » puis le format CSV.");
  }

  @Test
  void stopsReadingAMillionRowFileAtTheLimit() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes("Prénom;Nom;Courriel\r\n".getBytes(StandardCharsets.UTF_8));
    byte[] row = "A;M;a@b.fr\r\n".getBytes(StandardCharsets.UTF_8);  // short rows: 12 MB, under the size limit
    for (int i = 0; i < 1_000_000 - 1; i++) {
      file.write(row, 0, row.length);
    }
    assertRefused(file.toByteArray(), "TOO_MANY_ROWS",
        "Le fichier contient plus de 200\u202F000 lignes, le maximum pour une importation. Découpez-le en plusieurs fichiers.");
  }

  @Test
  void refusesALineFarLongerThanAnyRealOne() {
    String file = "Prénom;Nom;Courriel\r\nAnne;Martin;anne@example.org\r\nPaul;" + "x".repeat(20_000) + ";p@x.fr\r\n";
    assertRefused(file.getBytes(StandardCharsets.UTF_8), "LINE_TOO_LONG", "La ligne 3 dépasse 10\u202F000 caractères : "
        + "ce n’est pas une ligne d’adhérent. Vérifiez que le fichier est bien la liste de vos adhérents.");
  }

  @Test
  void namesTheLineOfInvalidByteSequences() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(utf8WithBom("Prénom;Nom;Courriel\r\nÉlise;Dupré;elise@example.org\r\n"));
    file.writeBytes(new byte[] {'Z', 'o', (byte) 0xEB, ';', 'M', ';', 'z', '@', 'x', '.', 'f', 'r', '\r', '\n'});
    assertRefused(file.toByteArray(), "INVALID_BYTES", "La ligne 3 contient des caractères illisibles : le fichier "
        + "est abîmé ou n’a pas été enregistré comme un tableur CSV.");
  }

  @Test
  void refusesAFileLargerThanTheLimit() {
    byte[] large = new byte[21 * 1024 * 1024];
    java.util.Arrays.fill(large, (byte) 'a');
    Answer answer = api.upload(token, group, "enorme.csv", large);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.detail()).isEqualTo(
        "Le fichier dépasse 20 Mo, la taille maximale pour une importation. Découpez-le en plusieurs fichiers.");
  }

  private void assertRefused(byte[] content, String reason, String detail) {
    assertRefused("adherents.csv", content, reason, detail);
  }

  private void assertRefused(String fileName, byte[] content, String reason, String detail) {
    Answer answer = api.upload(token, group, fileName, content);

    assertThat(answer.status()).as(answer.body()).isEqualTo(422);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().path("reason").asString()).isEqualTo(reason);
    assertThat(answer.detail()).isEqualTo(detail);
  }

  private static byte[] utf8WithBom(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }
}

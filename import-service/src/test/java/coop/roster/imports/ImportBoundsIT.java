package coop.roster.imports;

import coop.roster.events.MemberCreated;
import coop.roster.imports.ImportApi.Answer;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps an import from waiting forever or from being misused: rows whose outcome never comes are
 * published again once on their own, then reported as not confirmed and published again on request; a
 * confirmed import's columns cannot change; a group keeps a bounded number of uploads it has not confirmed.
 * The outcome bound is shortened here.
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
// Closed after the class: its publisher would otherwise take part in the next class's jobs as another replica.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"roster.imports.poll=1s", "roster.imports.lease=5s", "roster.imports.outcome-timeout=5s",
        "roster.imports.automatic-republishes=1", "roster.imports.max-pending-per-group=2"})
class ImportBoundsIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Autowired
  Environment environment;
  @Autowired
  MongoTemplate mongo;

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
  void publishesTheRowsWithoutOutcomeAgainOnItsOwnOnceTheBoundHasPassed() {
    String anne = email("anne");
    String bruno = email("bruno");
    String chloe = email("chloe");
    // Bruno's row never reaches the roster the first time; Chloé's is applied but its outcome is lost.
    memberService.loseDeliveries(bruno, 1);
    memberService.loseOutcomes(chloe, 1);
    String importId = uploaded("Prénom;Nom;Courriel\r\nAnne;Aubert;" + anne + "\r\nBruno;Blanc;" + bruno
        + "\r\nChloé;Colin;" + chloe + "\r\n").path("id").asString();

    assertThat(api.confirm(token, group, importId, "SKIP", true).status()).isEqualTo(202);

    JsonNode done = api.awaitImport(token, group, importId,
        json -> "COMPLETED".equals(json.path("status").asString()), PATIENCE);
    assertThat(done.path("progress").path("created").asLong()).isEqualTo(3);
    assertThat(memberService.roster(group)).containsOnlyKeys(anne, bruno, chloe);
    assertThat(MemberServiceStandIn.rows(memberService.received(importId)))
        .as("only the rows without outcome are published again").containsExactlyInAnyOrder(2, 3, 3, 4, 4);
    assertThat(uploadsKept(importId)).as("the file is deleted once the report is final").isZero();
  }

  @Test
  void reportsTheRowsWhoseOutcomeNeverCameAsNotConfirmedAndCompletesOncePublishedAgain() {
    String anne = email("anne");
    String bruno = email("bruno");
    String chloe = email("chloe");
    String david = email("david");
    // Lost on the first publication and on the automatic one: Bruno's row itself, Chloé's outcome.
    memberService.loseDeliveries(bruno, 2);
    memberService.loseOutcomes(chloe, 2);
    JsonNode preview = uploaded("Prénom;Nom;Courriel\r\nAnne;Aubert;" + anne + "\r\nBruno;Blanc;" + bruno
        + "\r\nChloé;Colin;" + chloe + "\r\nDavid;Durand;" + david + "\r\n");
    String importId = preview.path("id").asString();
    assertThat(api.confirm(token, group, importId, "SKIP", true).status()).isEqualTo(202);

    JsonNode incomplete = api.awaitImport(token, group, importId,
        json -> "INCOMPLETE".equals(json.path("status").asString()), PATIENCE);

    assertThat(incomplete.path("progress").path("created").asLong()).isEqualTo(2);
    Answer report = api.report(token, group, importId);
    assertThat(report.json().path("finished").asBoolean()).isFalse();
    assertThat(report.json().path("canPublishAgain").asBoolean()).isTrue();
    assertThat(report.json().path("unconfirmed").asLong()).isEqualTo(2);
    assertThat(report.json().path("unconfirmedRows").path("items").valueStream()
        .map(row -> row.path("reason").asString()).toList()).containsExactly(
        "Ligne 3 non confirmée : le service des adhérents n’a pas répondu à temps. Publiez-la à nouveau.",
        "Ligne 4 non confirmée : le service des adhérents n’a pas répondu à temps. Publiez-la à nouveau.");
    assertThat(report.json().path("unconfirmedRows").path("items").get(0).path("values").path("EMAIL").asString())
        .isEqualTo(bruno);
    assertThat(uploadsKept(importId)).as("the file is kept for publishing again").isOne();

    Answer again = api.republish(token, group, importId);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.json().path("status").asString()).isIn("PUBLISHING", "PUBLISHED", "COMPLETED");
    assertThat(api.republish(token, group, importId).status()).as("asking twice is harmless").isEqualTo(202);

    JsonNode done = api.awaitImport(token, group, importId,
        json -> "COMPLETED".equals(json.path("status").asString()), PATIENCE);
    assertThat(done.path("progress").path("published").asLong()).isEqualTo(4);
    assertThat(done.path("progress").path("created").asLong()).isEqualTo(4);
    JsonNode finalReport = api.report(token, group, importId).json();
    assertThat(finalReport.path("finished").asBoolean()).isTrue();
    assertThat(finalReport.path("unconfirmed").asLong()).isZero();
    assertThat(finalReport.path("canPublishAgain").asBoolean()).isFalse();
    assertThat(memberService.roster(group)).containsOnlyKeys(anne, bruno, chloe, david);
    List<MemberCreated> received = memberService.received(importId);
    assertThat(MemberServiceStandIn.rows(received)).as("only the unconfirmed rows are published again, twice")
        .containsExactlyInAnyOrder(2, 3, 3, 3, 4, 4, 4, 5);
    assertThat(received.stream().filter(row -> row.rowNumber() == 3).map(MemberCreated::eventId).distinct())
        .as("a row published again keeps its event id").hasSize(1);
    assertThat(uploadsKept(importId)).as("the file is deleted once the report is final").isZero();
  }

  @Test
  void refusesToPublishAgainAnImportNotConfirmed() {
    String importId = uploaded("Prénom;Nom;Courriel\r\nAnne;Aubert;" + email("anne") + "\r\n").path("id").asString();

    Answer refused = api.republish(token, group, importId);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.detail())
        .isEqualTo("Cette importation n’est pas encore confirmée : il n’y a rien à publier à nouveau.");
  }

  @Test
  void refusesANewMappingOnceTheImportIsConfirmed() {
    JsonNode preview = uploaded("Prénom;Nom;Courriel;Remarque\r\nAnne;Aubert;" + email("anne") + ";\r\n");
    String importId = preview.path("id").asString();
    assertThat(api.confirm(token, group, importId, "SKIP", true).status()).isEqualTo(202);

    String remapping = "{\"headerRow\":true,\"columns\":[\"FIRST_NAME\",\"LAST_NAME\",\"EMAIL\",\"CITY\"]}";
    Answer french = api.map(token, group, importId, remapping);
    Answer english = api.map(token, group, importId, remapping, "en");

    assertThat(french.status()).isEqualTo(409);
    assertThat(french.contentType()).startsWith("application/problem+json");
    assertThat(french.detail())
        .isEqualTo("L’importation est déjà confirmée : ses colonnes ne peuvent plus changer.");
    assertThat(english.detail()).isEqualTo("The import is already confirmed: its columns can no longer change.");
    JsonNode after = api.preview(token, group, importId).json();
    assertThat(after.path("status").asString()).as("still confirmed").isNotIn("READY", "NEEDS_MAPPING");
    assertThat(after.path("mapping").path("columns").get(3).path("field").isString()).as("still ignored").isFalse();
  }

  @Test
  void refusesAnUploadBeyondTheGroupsPendingLimitUntilOneIsConfirmedOrCancelled() {
    String file = "Prénom;Nom;Courriel\r\nAnne;Aubert;" + email("anne") + "\r\n";
    String first = uploaded(file).path("id").asString();
    String second = uploaded(file).path("id").asString();

    Answer third = api.upload(token, group, "membres.csv", file.getBytes(StandardCharsets.UTF_8));
    Answer inEnglish = api.upload(token, group, "membres.csv", file.getBytes(StandardCharsets.UTF_8), "en");

    assertThat(third.status()).isEqualTo(429);
    assertThat(third.contentType()).startsWith("application/problem+json");
    assertThat(third.detail()).isEqualTo("Ce groupe a déjà 2 importations ni confirmées ni annulées. "
        + "Confirmez-en une ou annulez-en une avant d’importer un autre fichier.");
    assertThat(inEnglish.detail()).isEqualTo("This group already has 2 imports neither confirmed nor cancelled. "
        + "Confirm or cancel one of them before importing another file.");
    assertThat(api.cancel(token, group, first).json().path("status").asString()).isEqualTo("ABANDONED");
    assertThat(api.cancel(token, group, first).status()).as("cancelling twice is harmless").isEqualTo(200);
    assertThat(uploadsKept(first)).as("a cancelled upload's file is deleted").isZero();
    uploaded(file);
    assertThat(api.confirm(token, group, second, "SKIP", true).status()).isEqualTo(202);
    assertThat(api.cancel(token, group, second).status()).as("a confirmed import is not cancelled").isEqualTo(409);
    assertThat(api.upload(token, group, "membres.csv", file.getBytes(StandardCharsets.UTF_8)).status())
        .as("a confirmed import no longer counts").isEqualTo(201);
  }

  private String email(String name) {
    return name + "-" + group + "@example.org";
  }

  private JsonNode uploaded(String csv) {
    Answer answer = api.upload(token, group, "membres.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json();
  }

  private long uploadsKept(String importId) {
    return mongo.getCollection("uploads.files").countDocuments(new org.bson.Document("metadata.importId", importId));
  }
}

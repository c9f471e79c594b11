package coop.roster.imports;

import coop.roster.events.EventJson;
import coop.roster.events.ImportRowOutcome;
import coop.roster.events.ImportRowOutcome.Outcome;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberCreated;
import coop.roster.events.MemberRemoved;
import coop.roster.events.MemberUpdated;
import coop.roster.events.MemberSource;
import coop.roster.events.Person;
import coop.roster.imports.ImportApi.Answer;
import coop.roster.events.Topics;
import coop.roster.stack.Endpoints;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Imports of the files coordinators really have, from upload to report, with the real broker in the
 * loop and member-service's side of the contract played by {@link MemberServiceStandIn}.
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
// Closed after the class: its publisher would otherwise take part in RestartIT's jobs as another replica.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"roster.imports.poll=1s", "roster.imports.lease=5s"})
class ImportIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

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
  void importsAFrenchExcelExportAndListsEveryProblemByLine() {
    memberService.addMember(group, new Person("Marc", "Petit", "deja@example.fr", null));
    awaitKnownMembers(1);

    JsonNode preview = uploaded("excel-fr.csv");

    assertThat(preview.path("status").asString()).isEqualTo("READY");
    assertThat(preview.path("file").path("encoding").asString()).isEqualTo("windows-1252");
    assertThat(preview.path("file").path("separator").asString()).isEqualTo(";");
    assertThat(counts(preview)).containsExactly(7L, 3L, 1L, 3L);
    assertThat(preview.path("mapping").path("unknownColumns").values()).extracting(JsonNode::asString)
        .containsExactly("Remarques");
    assertThat(messages(preview)).containsExactly(
        "Ligne 4, « Téléphone » : « 0612 » ne ressemble pas à un numéro de téléphone ; il sera importé tel quel.",
        "La ligne 5 n’a pas de prénom.",
        "Ligne 6, « E-mail » : « paul.durand@gmail » n’est pas un courriel valide.",
        "Ligne 7 : le courriel elise@amap-des-lilas.example figure déjà à la ligne 2 ; seule la ligne 2 sera importée.",
        "Ligne 8 : deja@example.fr est déjà adhérent du groupe.");
    JsonNode francois = preview.path("sample").get(1);
    assertThat(francois.path("person").path("firstName").asString()).isEqualTo("François");
    assertThat(francois.path("person").path("lastName").asString()).isEqualTo("Lefèvre");
    assertThat(francois.path("address").path("line1").asString()).isEqualTo("3, place du Marché");

    JsonNode report = confirmedAndReported(preview, "SKIP");

    assertThat(report.path("created").asLong()).isEqualTo(3);
    assertThat(report.path("alreadyMembers").asLong()).isEqualTo(1);
    assertThat(report.path("rejected").asLong()).isEqualTo(3);
    assertThat(memberService.roster(group)).containsOnlyKeys("elise@amap-des-lilas.example",
        "francois.lefevre@example.fr", "zoe.coeur@example.fr", "deja@example.fr");
    assertThat(memberService.roster(group).get("zoe.coeur@example.fr").person())
        .isEqualTo(new Person("Zoé", "Cœur", "zoe.coeur@example.fr", "0612"));
    assertThat(memberService.roster(group).get("francois.lefevre@example.fr").person().phone())
        .as("a French number whose 0 the spreadsheet dropped gets it back").isEqualTo("06 12 34 56 78");
  }

  @Test
  void listsTheGroupsImportsNewestFirstWithWhoDidThemAndTheirCounts() {
    JsonNode done = uploaded("cagette-export.csv");
    confirmedAndReported(done, "SKIP");
    JsonNode pending = uploaded("libreoffice.csv");

    JsonNode history = api.get(token, "/api/groups/" + group + "/imports?size=1").json();

    assertThat(history.path("total").asLong()).isEqualTo(2);
    assertThat(history.path("items").size()).isEqualTo(1);
    JsonNode newest = history.path("items").get(0);
    assertThat(newest.path("id").asString()).isEqualTo(importId(pending));
    assertThat(newest.path("fileName").asString()).isEqualTo("libreoffice.csv");
    assertThat(newest.path("status").asString()).isEqualTo("READY");
    assertThat(newest.path("createdBy").asString()).isEqualTo("elise-" + group + "@example.org");

    JsonNode older = api.get(token, "/api/groups/" + group + "/imports?page=1&size=1").json().path("items").get(0);
    assertThat(older.path("id").asString()).isEqualTo(importId(done));
    assertThat(older.path("status").asString()).isEqualTo("COMPLETED");
    assertThat(older.path("confirmedBy").asString()).isEqualTo("elise-" + group + "@example.org");
    assertThat(List.of(older.path("rows").asLong(), older.path("created").asLong(), older.path("rejected").asLong()))
        .containsExactly(3L, 2L, 1L);
  }

  @Test
  void readsEachMembersLanguageFromALangueColumnAndWarnsOfOneItDoesNotKnow() {
    String file = "Prénom;Nom;Courriel;Langue\r\n"
        + "Anne;Smith;anne.smith@example.org;English\r\n"
        + "Élise;Dupré;elise.dupre@example.fr;français\r\n"
        + "Hans;Weber;hans.weber@example.de;Deutsch\r\n"
        + "Paul;Durand;paul.durand@example.fr;\r\n";

    JsonNode preview = uploaded("langues.csv", file.getBytes(StandardCharsets.UTF_8));

    assertThat(preview.path("status").asString()).isEqualTo("READY");
    assertThat(counts(preview)).containsExactly(4L, 4L, 0L, 0L);
    assertThat(messages(preview)).containsExactly("Ligne 4, « Langue » : « Deutsch » n’est ni le français ni "
        + "l’anglais ; l’adhérent recevra ses messages dans la langue du groupe.");
    String importId = importId(preview);
    confirmedAndReported(preview, "SKIP");
    assertThat(awaitReceived(importId, 4)).extracting(MemberCreated::language)
        .containsExactly("en", "fr", null, null);
  }

  @Test
  void importsALibreOfficeExportWithLineBreaksInsideQuotedAddresses() {
    JsonNode preview = uploaded("libreoffice.csv");

    assertThat(preview.path("file").path("separator").asString()).isEqualTo(",");
    assertThat(counts(preview)).containsExactly(3L, 3L, 0L, 0L);
    confirmedAndReported(preview, "SKIP");

    var roster = memberService.roster(group);
    assertThat(roster.get("jean.martin@example.fr").person().firstName()).isEqualTo("Jean \"Jojo\"");
    List<MemberCreated> published = memberService.received(importId(preview));
    MemberCreated elise = published.stream().filter(event -> event.rowNumber() == 2).findFirst().orElseThrow();
    assertThat(elise.address().line1()).isEqualTo("12 rue des Lilas Bâtiment B");
    MemberCreated jean = published.stream().filter(event -> event.rowNumber() == 3).findFirst().orElseThrow();
    assertThat(jean.address().line2()).isEqualTo("Résidence \"Les Pins\", appartement 3");
    assertThat(jean.address().city()).isEqualTo("Bordeaux");
  }

  @Test
  void importsAGoogleSheetsExportWithEnglishHeaders() {
    JsonNode preview = uploaded("google-sheets.csv");

    assertThat(counts(preview)).containsExactly(3L, 2L, 0L, 1L);
    assertThat(preview.path("mapping").path("unknownColumns").values()).extracting(JsonNode::asString)
        .containsExactly("Timestamp");
    assertThat(messages(preview)).containsExactly("La ligne 4 n’a pas de nom.");
    confirmedAndReported(preview, "SKIP");

    assertThat(memberService.roster(group).get("bob.jones@example.com").person())
        .isEqualTo(new Person("Bob", "Jones", "bob.jones@example.com", null));
  }

  @Test
  void importsCagettesExportWithItsBomWithNoMappingStepAndReportsRefusedRows() throws IOException {
    JsonNode preview = uploaded("cagette-export.csv");

    assertThat(preview.path("status").asString()).isEqualTo("READY");
    assertThat(preview.path("mapping").path("source").asString()).isEqualTo("HEADERS");
    assertThat(preview.path("file").path("encoding").asString()).isEqualTo("UTF-8");
    assertThat(counts(preview)).containsExactly(3L, 3L, 0L, 0L);

    JsonNode report = confirmedAndReported(preview, "SKIP");

    assertThat(report.path("created").asLong()).isEqualTo(2);
    assertThat(report.path("rejected").asLong()).isEqualTo(1);
    assertThat(report.path("rejectedRows").path("items").get(0).path("reasons").get(0).asString())
        .isEqualTo("Ligne 4 refusée : " + MemberServiceStandIn.REFUSAL);
    MemberServiceStandIn.Member elise = memberService.roster(group).get("elise@amap-des-lilas.example");
    assertThat(elise.person().phone()).isEqualTo("06 12 34 56 78");
    assertThat(memberService.roster(group).get("helene@example.fr").person())
        .isEqualTo(new Person("Hélène", "de La Fontaine", "helene@example.fr", "+33 6 11 22 33 44"));
    MemberCreated eliseRow = memberService.received(importId(preview)).stream()
        .filter(event -> event.rowNumber() == 2).findFirst().orElseThrow();
    assertThat(eliseRow.partner()).isEqualTo(new Person("Marc", "Dupré", "marc.dupre@example.fr", "06 98 76 54 32"));
    assertThat(report.path("people").asLong()).as("2 rows imported gave 3 people: Marc has an e-mail of his own")
        .isEqualTo(3);
    assertThat(memberService.roster(group)).containsOnlyKeys("elise@amap-des-lilas.example", "helene@example.fr",
        "marc.dupre@example.fr");

    Answer rejected = api.get(token, "/api/groups/" + group + "/imports/" + importId(preview) + "/rejected.csv");
    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.body()).isEqualTo("\uFEFF" + "Prénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);"
        + "Nom conjoint(e);Courriel conjoint(e);Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville;Langue;Motif\r\n"
        + "Karim;Benali;karim@refused.example;;;;;;;;;;;Ligne 4 refusée : " + MemberServiceStandIn.REFUSAL + "\r\n");
    assertThat(mongo.getCollection("uploads.files").countDocuments(new org.bson.Document("metadata.importId",
        importId(preview)))).as("the upload is deleted once the job ends").isZero();
  }

  @Test
  void aRejectedRowsFileImportsAgainOnceFixed() {
    JsonNode first = uploaded("excel-fr.csv");
    Answer rejected = api.get(token, "/api/groups/" + group + "/imports/" + importId(first) + "/rejected.csv");
    String fixed = rejected.body().replace("\"\";Martin;", "Jean;Martin;")
        .replace("paul.durand@gmail;", "paul.durand@gmail.com;");

    JsonNode second = uploaded("corrige.csv", fixed.getBytes(StandardCharsets.UTF_8));

    assertThat(second.path("mapping").path("source").asString()).isEqualTo("HEADERS");
    assertThat(second.path("mapping").path("unknownColumns").values()).extracting(JsonNode::asString)
        .containsExactly("Motif");
    assertThat(counts(second)).as(fixed + "\n" + second).containsExactly(3L, 3L, 0L, 0L);
  }

  @Test
  void updatesPeopleAlreadyMembersWhenTheCoordinatorSaysSo() {
    memberService.addMember(group, new Person("Élise", "Martin", "elise@amap-des-lilas.example", null));
    awaitKnownMembers(1);

    JsonNode preview = uploaded("libreoffice.csv");
    assertThat(counts(preview)).containsExactly(3L, 2L, 1L, 0L);
    JsonNode report = confirmedAndReported(preview, "UPDATE");

    assertThat(report.path("updated").asLong()).isEqualTo(1);
    assertThat(report.path("created").asLong()).isEqualTo(2);
    assertThat(memberService.roster(group).get("elise@amap-des-lilas.example").person().lastName())
        .isEqualTo("Dupré");
  }

  @Test
  void asksForTheColumnsWhenTheFirstRowIsAMemberAndRemembersThemForTheNextFile() {
    JsonNode preview = uploaded("no-header.csv");

    assertThat(preview.path("status").asString()).isEqualTo("NEEDS_MAPPING");
    assertThat(preview.path("mapping").path("headerRow").asBoolean()).isFalse();
    assertThat(preview.path("mapping").path("missing").values()).extracting(JsonNode::asString)
        .containsExactly("FIRST_NAME", "LAST_NAME");
    Answer tooEarly = api.confirm(token, group, importId(preview), "SKIP", true);
    assertThat(tooEarly.status()).isEqualTo(409);
    assertThat(tooEarly.detail()).isEqualTo("Indiquez d’abord le contenu des colonnes.");

    Answer incomplete = api.map(token, group, importId(preview),
        "{\"headerRow\":false,\"columns\":[\"FIRST_NAME\",null,\"EMAIL\"]}");
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.detail()).isEqualTo("Indiquez quelle colonne contient « Nom ».");

    Answer mapped = api.map(token, group, importId(preview),
        "{\"headerRow\":false,\"columns\":[\"FIRST_NAME\",\"LAST_NAME\",\"EMAIL\"]}");
    assertThat(mapped.status()).isEqualTo(200);
    assertThat(mapped.json().path("status").asString()).isEqualTo("READY");
    assertThat(counts(mapped.json())).containsExactly(2L, 2L, 0L, 0L);

    JsonNode next = uploaded("no-header.csv");
    assertThat(next.path("status").asString()).isEqualTo("READY");
    assertThat(next.path("mapping").path("source").asString()).isEqualTo("REMEMBERED");
  }

  @Test
  void confirmingNeedsTheConsentAndHappensOnce() {
    JsonNode preview = uploaded("google-sheets.csv");

    Answer withoutConsent = api.confirm(token, group, importId(preview), "SKIP", false);
    assertThat(withoutConsent.status()).isEqualTo(400);
    assertThat(withoutConsent.contentType()).startsWith("application/problem+json");
    assertThat(withoutConsent.detail()).isEqualTo(
        "Cochez la case confirmant que les personnes de la liste ont accepté d’être inscrites.");
    assertThat(withoutConsent.json().path("errors").path("consent").isString()).isTrue();

    assertThat(api.confirm(token, group, importId(preview), "SKIP", true).status()).isEqualTo(202);
    assertThat(api.confirm(token, group, importId(preview), "SKIP", true).status()).isEqualTo(202);
    assertThat(api.confirm(token, group, importId(preview), "UPDATE", true).status()).isEqualTo(409);
    api.awaitImport(token, group, importId(preview), json -> "COMPLETED".equals(json.path("status").asString()),
        PATIENCE);
    assertThat(MemberServiceStandIn.rows(memberService.received(importId(preview)))).containsExactlyInAnyOrder(2, 3);
  }

  @Test
  void onlyTheGroupsCoordinatorsMayImportIntoIt() {
    String stranger = TestAccounts.fromSystemProperties()
        .coordinatorToken("stranger-" + group + "@example.org", "another-" + group);
    Answer refused = api.upload(stranger, group, "excel-fr.csv", file("excel-fr.csv"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.detail()).isEqualTo(
        "Vous ne coordonnez pas ce groupe : seuls ses coordinateurs peuvent y importer des adhérents.");
    assertThat(api.upload(null, group, "excel-fr.csv", file("excel-fr.csv")).status()).isEqualTo(401);
    JsonNode mine = uploaded("excel-fr.csv");
    assertThat(api.preview(stranger, group, importId(mine)).status()).isEqualTo(403);
    assertThat(api.preview(stranger, "another-" + group, importId(mine)).status())
        .as("an import is only found under its own group").isEqualTo(404);

    String admin = TestAccounts.fromSystemProperties().platformAdminToken("admin-" + group + "@example.org");
    assertThat(api.preview(admin, group, importId(mine)).status()).isEqualTo(200);
  }

  @Test
  void answersInEnglishWhenAskedTo() {
    Answer answer = api.upload(token, group, "excel-fr.csv", file("excel-fr.csv"), "en");

    assertThat(answer.status()).isEqualTo(201);
    assertThat(api.get(token, "/api/groups/" + group + "/imports/" + answer.json().path("id").asString()
        + "/problems?severity=ERROR", "en").json().path("items").get(0).path("message").asString())
        .isEqualTo("Line 5 has no first name.");
  }

  @Test
  void offersATemplateInFrenchAndEnglishThatImportsWithNoMappingStep() {
    Answer french = api.get(token, "/api/imports/template?lang=fr");
    Answer english = api.get(token, "/api/imports/template?lang=en");

    assertThat(french.body()).isEqualTo("\uFEFFPrénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);"
        + "Nom conjoint(e);Courriel conjoint(e);Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville;Langue\r\n");
    assertThat(english.body()).startsWith("\uFEFFFirst name;Last name;Email;Mobile phone;");
    String filled = english.body() + "Anne;Smith;anne@example.org;;;;;;;;;\r\n";
    JsonNode preview = uploaded("template.csv", filled.getBytes(StandardCharsets.UTF_8));
    assertThat(preview.path("status").asString()).isEqualTo("READY");
    assertThat(counts(preview)).containsExactly(1L, 1L, 0L, 0L);
    assertThat(api.get(null, "/api/imports/template?lang=fr").status()).isEqualTo(401);
  }

  @Test
  void parksAnUnreadableOutcomeInTheDeadLetterTopicCountsTheOutcomesAroundItAndARepeatedOneOnce() {
    memberService.answerNothingFor(group);
    JsonNode preview = uploaded("libreoffice.csv");
    String importId = importId(preview);
    assertThat(api.confirm(token, group, importId, "SKIP", true).status()).isEqualTo(202);
    List<MemberCreated> rows = awaitReceived(importId, 3);
    ImportRowOutcome elise = outcome(rows.get(0), Outcome.CREATED, null);
    ImportRowOutcome jean = outcome(rows.get(1), Outcome.CREATED, null);
    ImportRowOutcome lucie = outcome(rows.get(2), Outcome.REJECTED, MemberServiceStandIn.REFUSAL);
    byte[] garbage = ("{\"type\":\"ImportRowOutcome\",\"importId\":\"" + importId + "\",\"rowNumber\":")
        .getBytes(StandardCharsets.UTF_8);

    // Élise's and Jean's outcomes delivered again, as Kafka may, before Lucie's: counted twice, they
    // would complete the job before it.
    memberService.publish(Topics.IMPORTS_OUTCOMES, importId, List.of(EventJson.write(elise), garbage,
        EventJson.write(jean), EventJson.write(elise), EventJson.write(jean), EventJson.write(lucie)));

    JsonNode done = api.awaitImport(token, group, importId,
        json -> "COMPLETED".equals(json.path("status").asString()), PATIENCE);
    assertThat(done.path("progress").path("published").asLong()).isEqualTo(3);
    assertThat(done.path("progress").path("created").asLong()).as("each row counted once").isEqualTo(2);
    assertThat(done.path("progress").path("rejected").asLong()).isEqualTo(1);
    assertThat(awaitDeadLetter(Topics.IMPORTS_OUTCOMES, garbage))
        .as("the unreadable payload is in the dead-letter topic").isTrue();
    JsonNode report = api.report(token, group, importId).json();
    assertThat(report.path("created").asLong()).isEqualTo(2);
    assertThat(report.path("rejected").asLong()).isEqualTo(1);
  }

  @Test
  void parksAnUnreadableRosterChangeInTheDeadLetterTopicAndAppliesTheChangesAroundItInOrder() {
    String anne = "anne-" + group + "@example.org";
    String bruno = "bruno-" + group + "@example.org";
    String chloe = "chloe-" + group + "@example.org";
    MemberAdded anneAdded = added(new Person("Anne", "Aubert", anne, null));
    MemberAdded chloeAdded = added(new Person("Chloé", "Colin", chloe, null));
    MemberRemoved chloeRemoved = new MemberRemoved(UUID.randomUUID(), Instant.now(), chloeAdded.memberId(), group,
        chloe);
    MemberAdded brunoAdded = added(new Person("Bruno", "Blanc", bruno, null));
    byte[] garbage = ("not a roster change " + group).getBytes(StandardCharsets.UTF_8);

    // Chloé added then removed; Anne's addition delivered again at the end.
    memberService.publish(Topics.MEMBERS_ROSTER, group, List.of(EventJson.write(anneAdded), garbage,
        EventJson.write(chloeAdded), EventJson.write(chloeRemoved), EventJson.write(brunoAdded),
        EventJson.write(anneAdded)));

    assertThat(awaitKnownEmails(List.of(anne, bruno)))
        .as("the changes on both sides of the unreadable one, in order").containsExactlyInAnyOrder(anne, bruno);
    assertThat(awaitDeadLetter(Topics.MEMBERS_ROSTER, garbage))
        .as("the unreadable payload is in the dead-letter topic").isTrue();
    JsonNode preview = uploaded("membres.csv", ("Prénom;Nom;Courriel\r\nAnne;Aubert;" + anne + "\r\nBruno;Blanc;"
        + bruno + "\r\nChloé;Colin;" + chloe + "\r\n").getBytes(StandardCharsets.UTF_8));
    assertThat(counts(preview)).as("Anne and Bruno already members, Chloé no longer").containsExactly(3L, 1L, 2L, 0L);
  }

  @Test
  void aRemovedMemberIsErasedFromTheImportsRowsProblemsAndSamplesAndARedeliveredRemovalOrAdditionChangesNothing() {
    String anne = "anne-" + group + "@example.org";
    String bruno = "bruno-" + group + "@example.org";
    JsonNode preview = uploaded("membres.csv", ("Prénom;Nom;Courriel\r\nAnne;Aubert;" + anne + "\r\nBruno;Blanc;"
        + bruno + "\r\nAnne;Doublon;" + anne.toUpperCase(java.util.Locale.ROOT) + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
    JsonNode report = confirmedAndReported(preview, "SKIP");
    assertThat(report.path("created").asLong()).isEqualTo(2);
    String anneId = memberService.roster(group).get(anne).memberId();
    awaitKnownEmails(List.of(anne, bruno));
    JsonNode mentions = api.get(token, "/api/groups/" + group + "/imports/members/" + anneId).json();
    assertThat(mentions.path("imported").values()).extracting(row -> row.path("outcome").asString())
        .containsExactly("CREATED");
    assertThat(mentions.path("rejected").values()).extracting(row -> row.path("line").asLong())
        .containsExactly(4L);

    MemberAdded anneAdded = new MemberAdded(UUID.randomUUID(), Instant.now(), anneId, group,
        new Person("Anne", "Aubert", anne, null), null, null, MemberSource.IMPORT, importId(preview));
    byte[] removed = EventJson.write(new MemberRemoved(UUID.randomUUID(), Instant.now(), anneId, group, null));
    memberService.publish(Topics.MEMBERS_ROSTER, group, List.of(removed));

    assertThat(awaitKnownEmails(List.of(bruno))).containsExactly(bruno);
    JsonNode erased = api.get(token, "/api/groups/" + group + "/imports/members/" + anneId).json();
    assertThat(erased.path("imported").values()).as("her row no longer names her").isEmpty();
    assertThat(erased.path("rejected").values()).isEmpty();
    String importPage = api.get(token, "/api/groups/" + group + "/imports/" + importId(preview)).body();
    assertThat(importPage.toLowerCase(java.util.Locale.ROOT)).as("sample and problems").doesNotContain(anne)
        .contains(bruno);
    assertThat(api.report(token, group, importId(preview)).json().path("created").asLong())
        .as("the report's counts stay").isEqualTo(2);

    // Redelivered removal and replayed addition; Bruno's update after them, same key, says they were applied.
    MemberUpdated brunoLater = new MemberUpdated(UUID.randomUUID(), Instant.now(),
        memberService.roster(group).get(bruno).memberId(), group, new Person("Bruno", "Blanc", "b-" + bruno, null),
        null, null);
    memberService.publish(Topics.MEMBERS_ROSTER, group, List.of(removed, EventJson.write(anneAdded),
        EventJson.write(brunoLater)));
    assertThat(awaitKnownEmails(List.of("b-" + bruno))).as("Anne not brought back").containsExactly("b-" + bruno);
  }

  private JsonNode uploaded(String fixture) {
    return uploaded(fixture, file(fixture));
  }

  private JsonNode uploaded(String name, byte[] content) {
    Answer answer = api.upload(token, group, name, content);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json();
  }

  private JsonNode confirmedAndReported(JsonNode preview, String policy) {
    Answer confirmed = api.confirm(token, group, importId(preview), policy, true);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(202);
    JsonNode done = api.awaitImport(token, group, importId(preview),
        json -> "COMPLETED".equals(json.path("status").asString()), PATIENCE);
    long valid = done.path("counts").path("newMembers").asLong() + done.path("counts").path("alreadyMembers").asLong();
    assertThat(done.path("progress").path("published").asLong()).isEqualTo(valid);
    List<MemberCreated> published = memberService.received(importId(preview));
    assertThat(published).as("one MemberCreated per valid row").hasSize((int) valid);
    JsonNode report = api.report(token, group, importId(preview)).json();
    assertThat(report.path("finished").asBoolean()).isTrue();
    assertThat(report.path("pending").asLong()).isZero();
    return report;
  }

  private void awaitKnownMembers(long count) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (mongo.count(query(where("groupId").is(group)), "known_members") < count) {
      assertThat(System.nanoTime()).as("import-service learns the roster from its events").isLessThan(deadline);
      ImportApi.sleep(100);
    }
  }

  /** The group's member e-mails import-service knows, once they are the expected ones or after the patience. */
  private List<Object> awaitKnownEmails(List<String> expected) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<Object> known;
    do {
      ImportApi.sleep(100);
      known = mongo.find(query(where("groupId").is(group)), org.bson.Document.class, "known_members").stream()
          .map(member -> member.get("email")).toList();
    } while (!(known.size() == expected.size() && known.containsAll(expected)) && System.nanoTime() < deadline);
    return known;
  }

  private List<MemberCreated> awaitReceived(String importId, int rows) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (memberService.received(importId).size() < rows) {
      assertThat(System.nanoTime()).as("the rows are published").isLessThan(deadline);
      ImportApi.sleep(100);
    }
    return memberService.received(importId).stream().sorted(Comparator.comparing(MemberCreated::rowNumber)).toList();
  }

  /** Whether {@code value} reaches the topic's dead-letter topic, read from its beginning. */
  private boolean awaitDeadLetter(String topic, byte[] value) {
    String brokers = System.getProperty(Endpoints.KAFKA_BOOTSTRAP_SERVERS);
    try (var deadLetters = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
      deadLetters.subscribe(List.of(Topics.deadLetter(topic)));
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : deadLetters.poll(Duration.ofMillis(500))) {
          if (Arrays.equals(record.value(), value)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private ImportRowOutcome outcome(MemberCreated row, Outcome outcome, String reason) {
    return new ImportRowOutcome(UUID.randomUUID(), Instant.now(), row.importId(), row.rowNumber(), row.groupId(),
        outcome == Outcome.REJECTED ? null : UUID.randomUUID().toString(), outcome, reason);
  }

  private MemberAdded added(Person person) {
    return new MemberAdded(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), group, person, null, null,
        MemberSource.MANUAL, null);
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

  static byte[] file(String name) {
    try (InputStream in = ImportIT.class.getResourceAsStream("/files/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

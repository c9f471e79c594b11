package coop.roster.system.imports;

import coop.roster.events.Topics;
import coop.roster.stack.Endpoints;
import coop.roster.system.RosterSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator's spreadsheet, in every shape coordinators have, from upload at import-service to
 * member-service's roster: the preview's counts and messages, the progress to its end, the report, and the
 * roster as member-service's API shows it. Every service runs from its jar on the real Kafka, MongoDB-protocol
 * server and Keycloak; member-service's real consumer answers every row.
 */
@ExtendWith(RosterSystem.class)
class ImportFlowIT {

  /**
   * Waits until both services took their first token: they read the realm's configuration from Keycloak at
   * the first call, which a Keycloak just started on a busy machine can answer later than their read timeout.
   */
  @BeforeAll
  static void servicesAcceptTokens(RosterSystem system) {
    Coordinator.awaitTokensAccepted(system.accounts(), system.url("member-service"), system.url("import-service"));
  }

  @Test
  void aFrenchExcelExportEndsInTheRosterWithEveryProblemListedByLine(RosterSystem system) {
    String group = Coordinator.newGroupId("excel");
    Coordinator claire = coordinatorOf(system, group);
    claire.addMember(group, Map.of("firstName", "Marc", "lastName", "Petit", "email", "marc.petit@example.fr"));
    awaitImportServiceKnowsTheRoster(system);

    JsonNode preview = claire.upload(group, "adhérents.csv", file("excel-fr.csv"));

    assertThat(preview.path("status").asString()).isEqualTo("READY");
    assertThat(preview.path("file").path("encoding").asString()).isEqualTo("windows-1252");
    assertThat(preview.path("file").path("separator").asString()).isEqualTo(";");
    assertThat(counts(preview)).as("rows, new members, already members, invalid").containsExactly(7L, 3L, 1L, 3L);
    assertThat(texts(preview.path("mapping").path("unknownColumns"))).containsExactly("Remarques");
    assertThat(messages(claire.problems(group, id(preview)))).containsExactly(
        "Ligne 4, « Téléphone » : « 0612 » ne ressemble pas à un numéro de téléphone ; il sera importé tel quel.",
        "La ligne 5 n’a pas de prénom.",
        "Ligne 6, « E-mail » : « paul.durand@gmail » n’est pas un courriel valide.",
        "Ligne 7 : le courriel elise@amap-des-lilas.example figure déjà à la ligne 2 ; seule la ligne 2 sera importée.",
        "Ligne 8 : marc.petit@example.fr est déjà adhérent du groupe.");

    JsonNode report = confirmedAndFollowedToTheEnd(claire, group, preview, "SKIP");

    assertThat(outcomes(report)).as("created, updated, already members, rejected").containsExactly(3L, 0L, 1L, 3L);
    assertThat(report.path("rejectedRows").path("items").valueStream().map(row -> row.path("line").asLong()))
        .containsExactly(5L, 6L, 7L);
    assertThat(emails(claire.roster(group))).containsExactlyInAnyOrder(claire.email, "marc.petit@example.fr",
        "elise@amap-des-lilas.example", "francois.lefevre@example.fr", "zoe.coeur@example.fr");
    JsonNode francois = claire.member(group, "francois.lefevre@example.fr");
    assertThat(francois.path("person").path("firstName").asString()).isEqualTo("François");
    assertThat(francois.path("person").path("lastName").asString()).isEqualTo("Lefèvre");
    assertThat(francois.path("address").path("line1").asString()).isEqualTo("3, place du Marché");
    assertThat(francois.path("address").path("city").asString()).isEqualTo("Lyon");
    assertThat(francois.path("source").asString()).isEqualTo("IMPORT");
    assertThat(francois.path("importId").asString()).isEqualTo(id(preview));
    JsonNode zoe = claire.member(group, "zoe.coeur@example.fr");
    assertThat(zoe.path("person").path("lastName").asString()).isEqualTo("Cœur");
    assertThat(zoe.path("person").path("phone").asString()).as("a warning keeps the value").isEqualTo("0612");
    assertThat(claire.member(group, "marc.petit@example.fr").path("source").asString())
        .as("skipped: left as the coordinator typed him").isEqualTo("MANUAL");
  }

  @Test
  void aLibreOfficeExportKeepsTheAddressesTypedOnSeveralLines(RosterSystem system) {
    String group = Coordinator.newGroupId("libreoffice");
    Coordinator claire = coordinatorOf(system, group);

    JsonNode preview = claire.upload(group, "adherents.csv", file("libreoffice.csv"));

    assertThat(preview.path("file").path("encoding").asString()).isEqualTo("UTF-8");
    assertThat(preview.path("file").path("separator").asString()).isEqualTo(",");
    assertThat(counts(preview)).containsExactly(3L, 3L, 0L, 0L);
    JsonNode report = confirmedAndFollowedToTheEnd(claire, group, preview, "SKIP");

    assertThat(outcomes(report)).containsExactly(3L, 0L, 0L, 0L);
    assertThat(claire.member(group, "elise@amap-des-lilas.example").path("address").path("line1").asString())
        .isEqualTo("12 rue des Lilas Bâtiment B");
    JsonNode jean = claire.member(group, "jean.martin@example.fr");
    assertThat(jean.path("person").path("firstName").asString()).isEqualTo("Jean \"Jojo\"");
    assertThat(jean.path("address").path("line1").asString()).isEqualTo("5, allée des Tilleuls");
    assertThat(jean.path("address").path("line2").asString()).isEqualTo("Résidence \"Les Pins\", appartement 3");
    assertThat(jean.path("address").path("postcode").asString()).isEqualTo("33000");
    assertThat(claire.member(group, "noemie.bernard@example.fr").path("person").path("phone").asString())
        .isEqualTo("+33 7 11 22 33 44");
  }

  @Test
  void aGoogleSheetsExportWithEnglishHeadersAndExtraColumns(RosterSystem system) {
    String group = Coordinator.newGroupId("sheets");
    Coordinator claire = coordinatorOf(system, group);

    JsonNode preview = claire.upload(group, "Members - Form responses 1.csv", file("google-sheets.csv"));

    assertThat(counts(preview)).containsExactly(4L, 2L, 0L, 2L);
    assertThat(texts(preview.path("mapping").path("unknownColumns")))
        .containsExactly("Timestamp", "How did you hear about us?");
    assertThat(messages(claire.problems(group, id(preview)))).containsExactly(
        "La ligne 4 n’a pas de nom.",
        "Ligne 5, « Email Address » : « dan.brown@example » n’est pas un courriel valide.");
    JsonNode report = confirmedAndFollowedToTheEnd(claire, group, preview, "SKIP");

    assertThat(outcomes(report)).containsExactly(2L, 0L, 0L, 2L);
    JsonNode bob = claire.member(group, "bob.jones@example.com");
    assertThat(bob.path("person").path("firstName").asString()).isEqualTo("Bob");
    assertThat(bob.path("person").path("lastName").asString()).isEqualTo("Jones");
    JsonNode alice = claire.member(group, "alice.smith@example.com");
    assertThat(alice.path("address").path("postcode").asString()).isEqualTo("SW1A 1AA");
    assertThat(alice.path("address").path("city").asString()).isEqualTo("London");
  }

  @Test
  void cagettesExportWithItsBomImportsWithNoMappingStepAndReportsWhatTheRosterRefused(RosterSystem system) {
    String group = Coordinator.newGroupId("cagette");
    Coordinator claire = coordinatorOf(system, group);

    JsonNode preview = claire.upload(group, "export-cagette.csv", file("cagette-export.csv"));

    assertThat(preview.path("status").asString()).isEqualTo("READY");
    assertThat(preview.path("mapping").path("source").asString()).isEqualTo("HEADERS");
    assertThat(preview.path("file").path("encoding").asString()).isEqualTo("UTF-8");
    assertThat(counts(preview)).containsExactly(3L, 3L, 0L, 0L);
    JsonNode report = confirmedAndFollowedToTheEnd(claire, group, preview, "SKIP");

    assertThat(outcomes(report)).as("member-service refuses a phone longer than 40 characters")
        .containsExactly(2L, 0L, 0L, 1L);
    JsonNode refused = report.path("rejectedRows").path("items").get(0);
    assertThat(refused.path("line").asLong()).isEqualTo(4);
    assertThat(refused.path("reasons").get(0).asString()).startsWith("Ligne 4 refusée : ").contains("Téléphone");
    assertThat(report.path("people").asLong()).as("2 rows imported, Marc a member of his own").isEqualTo(3);
    JsonNode elise = claire.member(group, "elise@amap-des-lilas.example");
    assertThat(elise.path("partnerMember").path("email").asString()).isEqualTo("marc.dupre@example.fr");
    JsonNode marc = claire.member(group, "marc.dupre@example.fr");
    assertThat(marc.path("person").path("firstName").asString()).isEqualTo("Marc");
    assertThat(marc.path("person").path("phone").asString()).isEqualTo("06 98 76 54 32");
    assertThat(marc.path("address").path("city").asString()).isEqualTo("Paris");
    assertThat(marc.path("partnerMember").path("firstName").asString()).isEqualTo("Élise");
    JsonNode helene = claire.member(group, "helene@example.fr");
    assertThat(helene.path("person").path("lastName").asString()).isEqualTo("de La Fontaine");
    assertThat(helene.path("person").path("phone").asString()).isEqualTo("+33 6 11 22 33 44");
    assertThat(emails(claire.roster(group))).doesNotContain("karim.benali@example.fr");
    assertThat(claire.rejectedRows(group, id(preview))).startsWith("\uFEFFPrénom;Nom;Courriel;")
        .contains("Karim;Benali;karim.benali@example.fr;").contains("Ligne 4 refusée : ");
  }

  @Test
  void peopleAlreadyMembersAreLeftAsTheyAreOrUpdatedAsTheCoordinatorChooses(RosterSystem system) {
    String group = Coordinator.newGroupId("policy");
    Coordinator claire = coordinatorOf(system, group);
    String jeanne = claire.addMember(group, Map.of("firstName", "Jeanne", "lastName", "Martin",
        "email", "jeanne.martin@example.org"));
    awaitImportServiceKnowsTheRoster(system);
    byte[] filled = (claire.template("fr")
        + "Jeanne;Martin-Durand;Jeanne.Martin@example.org;06 55 44 33 22;;;;;8 rue Haute;;69002;Lyon\r\n"
        + "Louis;Garnier;louis.garnier@example.org;;;;;;;;;\r\n").getBytes(StandardCharsets.UTF_8);

    JsonNode skipped = claire.upload(group, "modele.csv", filled);
    assertThat(counts(skipped)).containsExactly(2L, 1L, 1L, 0L);
    assertThat(outcomes(confirmedAndFollowedToTheEnd(claire, group, skipped, "SKIP"))).containsExactly(1L, 0L, 1L, 0L);
    JsonNode untouched = claire.member(group, "jeanne.martin@example.org");
    assertThat(untouched.path("person").path("lastName").asString()).isEqualTo("Martin");
    assertThat(untouched.path("address").isNull()).isTrue();

    awaitImportServiceKnowsTheRoster(system);
    JsonNode updating = claire.upload(group, "modele.csv", filled);
    assertThat(counts(updating)).containsExactly(2L, 0L, 2L, 0L);
    assertThat(outcomes(confirmedAndFollowedToTheEnd(claire, group, updating, "UPDATE")))
        .as("Louis's details are his already: nothing to update").containsExactly(0L, 1L, 1L, 0L);
    JsonNode updated = claire.member(group, "jeanne.martin@example.org");
    assertThat(updated.path("id").asString()).isEqualTo(jeanne);
    assertThat(updated.path("person").path("lastName").asString()).isEqualTo("Martin-Durand");
    assertThat(updated.path("person").path("phone").asString()).isEqualTo("06 55 44 33 22");
    assertThat(updated.path("address").path("city").asString()).isEqualTo("Lyon");
    assertThat(claire.roster(group).path("total").asLong()).isEqualTo(3);
  }

  @Test
  void aGroupsExportImportsBackIntoAnotherGroupUnchanged(RosterSystem system) {
    String first = Coordinator.newGroupId("export");
    String second = Coordinator.newGroupId("reimport");
    Coordinator claire = coordinatorOf(system, first, second);
    confirmedAndFollowedToTheEnd(claire, first, claire.upload(first, "cagette.csv", file("cagette-export.csv")),
        "SKIP");
    claire.addMember(first, Map.of("firstName", "Anne-Sophie", "lastName", "d'Arc",
        "email", "anne-sophie@example.org", "phone", "+33 6 12 34 56 78",
        "partner", Map.of("firstName", "Léon", "lastName", "d'Arc", "phone", "-"),
        "address", Map.of("line1", "5; rue \"du Port\"", "line2", "=1+2", "postcode", "13002", "city", "Marseille")));
    String exported = claire.export(first);
    awaitImportServiceKnowsTheRoster(system);

    JsonNode preview = claire.upload(second, "export.csv", exported.getBytes(StandardCharsets.UTF_8));

    assertThat(preview.path("mapping").path("source").asString()).isEqualTo("HEADERS");
    // Élise and Marc, a household, are two rows of the export, each naming the other as partner.
    assertThat(counts(preview)).as("the coordinator is a member of both groups").containsExactly(5L, 4L, 1L, 0L);
    assertThat(outcomes(confirmedAndFollowedToTheEnd(claire, second, preview, "SKIP")))
        .as("the household's first row places both people: its second row finds its person a member already")
        .containsExactly(3L, 0L, 2L, 0L);
    assertThat(claire.export(second)).isEqualTo(exported);
  }

  @Test
  void aReplicaKilledWhilePublishingLosesNoRowAndPutsNobodyTwiceInTheRoster(RosterSystem system) {
    int rows = 6_000;
    String group = Coordinator.newGroupId("crash");
    Coordinator claire = coordinatorOf(system, group);
    StringBuilder file = new StringBuilder("Prénom;Nom;Courriel\r\n");
    for (int i = 1; i <= rows; i++) {
      file.append("Prénom").append(i).append(";Nom").append(i).append(";adherent").append(i).append("@")
          .append(group).append(".example\r\n");
    }

    String importId;
    long publishedAtTheCrash;
    // A second replica, publishing in small batches, whose lease the running replica takes over when it dies.
    // Until Kafka's session timeout ends, the dead replica still holds its share of import-service's
    // partitions of outcomes: the progress stands still meanwhile.
    try (ImportServiceReplica replica = ImportServiceReplica.start("import-service-crashing",
        List.of("-Xmx256m", "-XX:+UseG1GC"),
        system.infrastructure().environment(), Map.of("IMPORT_PUBLISH_BATCH", "20", "IMPORT_LEASE", "5s"))) {
      Coordinator throughReplica = claire.throughImportService(replica.url());
      JsonNode preview = throughReplica.upload(group, "adherents.csv",
          file.toString().getBytes(StandardCharsets.UTF_8));
      importId = id(preview);
      throughReplica.confirm(group, importId, "SKIP");
      List<JsonNode> seen = throughReplica.follow(group, importId,
          state -> state.path("progress").path("published").asLong() >= 1_000);
      replica.process().kill();
      publishedAtTheCrash = seen.getLast().path("progress").path("published").asLong();
    }
    assertThat(publishedAtTheCrash).as("killed in the middle of publishing").isLessThan(rows);

    List<JsonNode> seen = claire.follow(group, importId, state -> "COMPLETED".equals(state.path("status").asString()));
    JsonNode done = seen.getLast();
    assertThat(done.path("progress").path("published").asLong()).isEqualTo(rows);
    assertThat(outcomes(claire.report(group, importId))).as("one outcome per row").containsExactly((long) rows, 0L,
        0L, 0L);
    JsonNode roster = claire.roster(group);
    assertThat(roster.path("total").asLong()).as("every row once, and the coordinator").isEqualTo(rows + 1);
    List<String> exported = claire.export(group).lines().skip(1).toList();
    assertThat(exported).hasSize(rows + 1).doesNotHaveDuplicates();
    System.out.printf("killed after %,d of %,d rows published; another replica finished: %,d members%n",
        publishedAtTheCrash, rows, roster.path("total").asLong());
  }

  // ---- steps

  private static Coordinator coordinatorOf(RosterSystem system, String... groups) {
    return Coordinator.ofNewGroups(system.accounts(), system.url("member-service"), system.url("import-service"),
        groups);
  }

  /**
   * Confirms and follows the progress as the UI does until the report is final; the progress only grows and
   * ends with every valid row published and answered.
   */
  private static JsonNode confirmedAndFollowedToTheEnd(Coordinator coordinator, String group, JsonNode preview,
      String policy) {
    coordinator.confirm(group, id(preview), policy);
    List<JsonNode> seen = coordinator.follow(group, id(preview),
        state -> "COMPLETED".equals(state.path("status").asString()));
    List<Long> processed = seen.stream().map(state -> processed(state.path("progress"))).toList();
    assertThat(processed).as("progress never goes back").isSorted();
    long valid = preview.path("counts").path("newMembers").asLong()
        + preview.path("counts").path("alreadyMembers").asLong();
    JsonNode progress = seen.getLast().path("progress");
    assertThat(progress.path("published").asLong()).as("every valid row published").isEqualTo(valid);
    assertThat(processed(progress)).as("every published row answered: 100 %").isEqualTo(valid);
    JsonNode report = coordinator.report(group, id(preview));
    assertThat(report.path("finished").asBoolean()).isTrue();
    assertThat(report.path("pending").asLong()).isZero();
    return report;
  }

  /**
   * Waits until import-service has read every roster event published so far ({@code members.roster.v1}), as a
   * coordinator who uploads a file a moment after adding someone would expect.
   */
  private static void awaitImportServiceKnowsTheRoster(RosterSystem system) {
    String brokers = system.infrastructure().environment().get(Endpoints.KAFKA_BOOTSTRAP_SERVERS);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
      long deadline = System.nanoTime() + Coordinator.PATIENCE.toNanos();
      while (!caughtUp(admin, "import-service", Topics.MEMBERS_ROSTER)) {
        assertThat(System.nanoTime()).as("import-service reads the roster's events").isLessThan(deadline);
        Coordinator.pause(Duration.ofMillis(100));
      }
    }
  }

  private static boolean caughtUp(Admin admin, String group, String topic) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get();
      var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(
          partition -> new TopicPartition(topic, partition.partition()), partition -> OffsetSpec.latest())))
          .all().get();
      return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
          || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue().offset());
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- reading answers

  private static String id(JsonNode preview) {
    return preview.path("id").asString();
  }

  private static List<Long> counts(JsonNode preview) {
    JsonNode counts = preview.path("counts");
    return List.of(counts.path("rows").asLong(), counts.path("newMembers").asLong(),
        counts.path("alreadyMembers").asLong(), counts.path("invalid").asLong());
  }

  private static List<Long> outcomes(JsonNode report) {
    return List.of(report.path("created").asLong(), report.path("updated").asLong(),
        report.path("alreadyMembers").asLong(), report.path("rejected").asLong());
  }

  private static long processed(JsonNode progress) {
    return progress.path("created").asLong() + progress.path("updated").asLong()
        + progress.path("alreadyMembers").asLong() + progress.path("rejected").asLong();
  }

  private static List<String> messages(JsonNode problems) {
    return problems.path("items").valueStream().map(item -> item.path("message").asString()).toList();
  }

  private static List<String> texts(JsonNode array) {
    return array.valueStream().map(JsonNode::asString).toList();
  }

  private static List<String> emails(JsonNode roster) {
    return roster.path("members").valueStream().map(member -> member.path("person").path("email").asString())
        .toList();
  }

  private static byte[] file(String name) {
    try (InputStream in = ImportFlowIT.class.getResourceAsStream("/imports/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

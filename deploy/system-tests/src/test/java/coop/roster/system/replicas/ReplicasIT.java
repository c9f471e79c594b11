package coop.roster.system.replicas;

import coop.roster.stack.Services;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.system.RosterSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators scale each service on its own: with 3 member-service, 2 import-service and 2
 * invitation-service instances, a 10,000-row import and 1,000 invitations go through while one
 * replica of each is killed (SIGKILL) halfway. Every row lands once, every invitation is mailed,
 * nothing is stuck; mails sent twice are counted and printed (invitation-service delivers at least
 * once: at most one mail per consumer thread of the killed instance can go twice).
 */
@ExtendWith(RosterSystem.class)
@Order(Integer.MAX_VALUE)
class ReplicasIT {

  private static final int ROWS = Integer.getInteger("replicas.rows", 10_000);
  private static final int INVITATIONS = Integer.getInteger("replicas.invitations", 1_000);
  /** invitation-service's consumer threads on invitations.requested.v1 (its default). */
  private static final int INVITATION_CONSUMERS = 2;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final List<Services.Instance> added = new ArrayList<>();
  private static Services services;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void importAndInviteWhileOneReplicaOfEachIsKilled(RosterSystem system) throws Exception {
    services = system.services();
    Services.inParallel(List.of(() -> add("member-service"), () -> add("member-service"),
        () -> add("import-service"), () -> add("invitation-service")));
    assertThat(services.running("member-service")).hasSize(3);
    assertThat(services.running("import-service")).hasSize(2);
    assertThat(services.running("invitation-service")).hasSize(2);

    String groupId = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
    String coordinator = "coordinatrice@" + groupId + ".example";
    TestAccounts accounts = system.accounts();
    Backends asAdmin = new Backends(services, "member-service",
        () -> accounts.platformAdminToken("admin@" + groupId + ".example"));
    asAdmin.post("/api/groups", Map.of("id", groupId, "name", "AMAP des Répliques", "coordinator",
        Map.of("email", coordinator, "firstName", "Claire", "lastName", "Coordinatrice")));
    Backends members = new Backends(services, "member-service", () -> accounts.coordinatorToken(coordinator, groupId));
    Backends imports = new Backends(services, "import-service", () -> accounts.coordinatorToken(coordinator, groupId));
    String roster = "/api/groups/" + groupId + "/members";

    // Import: 10,000 rows; the added import-service and member-service replicas die halfway.
    JsonNode preview = imports.upload("/api/groups/" + groupId + "/imports", "adherents.csv", cagetteExport(groupId));
    assertThat(preview.get("status").asString()).as(preview.toString()).isEqualTo("READY");
    assertThat(preview.at("/counts/newMembers").asInt()).isEqualTo(ROWS);
    String importId = preview.get("id").asString();
    String job = "/api/groups/" + groupId + "/imports/" + importId;
    imports.post(job + "/confirmation", Map.of("policy", "SKIP", "consent", true));
    eventually(() -> members.get(roster + "?size=1").get("total").asInt() >= ROWS / 2, Duration.ofMinutes(5),
        "half the rows in the roster");
    int landedBeforeKill = members.get(roster + "?size=1").get("total").asInt();
    kill("import-service");
    kill("member-service");
    Instant killed = Instant.now();
    eventually(() -> imports.get(job + "/report?size=1").path("finished").asBoolean(), Duration.ofMinutes(5),
        "the import's report finished");
    double importRecovery = seconds(killed);

    JsonNode report = imports.get(job + "/report?size=1");
    assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(ROWS);
    assertThat(report.get("rejected").asInt()).as(report.toString()).isZero();
    assertThat(members.get(roster + "?size=1").get("total").asInt()).isEqualTo(ROWS + 1);

    // Invitations: 1,000 members; the added invitation-service replica dies halfway.
    List<String> ids = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    for (int page = 0; ids.size() < INVITATIONS; page++) {
      for (JsonNode member : members.get(roster + "?selection=NEVER_LOGGED_IN&sort=email,asc&size=200&page=" + page)
          .get("members")) {
        if (ids.size() < INVITATIONS) {
          ids.add(member.get("id").asString());
          emails.add(member.at("/person/email").asString());
        }
      }
    }
    String requestId = members.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", ids))
        .get("requestId").asString();
    String progress = "/api/groups/" + groupId + "/invitations/" + requestId;
    eventually(() -> members.get(progress).get("sent").asInt() >= INVITATIONS / 2, Duration.ofMinutes(8),
        "half the invitations sent");
    int sentBeforeKill = members.get(progress).get("sent").asInt();
    kill("invitation-service");
    killed = Instant.now();
    eventually(() -> {
      JsonNode now = members.get(progress);
      return now.get("sent").asInt() + now.get("failed").asInt() >= INVITATIONS;
    }, Duration.ofMinutes(8), "every invitation sent or failed");
    double invitationRecovery = seconds(killed);
    assertThat(members.get(progress).get("failed").asInt()).isZero();

    int duplicates = 0;
    List<String> neverMailed = new ArrayList<>();
    for (String email : emails) {
      int mails = mails(system.mailApiUrl(), email);
      duplicates += Math.max(0, mails - 1);
      if (mails == 0) {
        neverMailed.add(email);
      }
    }
    System.out.printf("%n==== ReplicasIT: 3 member-service, 2 import-service, 2 invitation-service ====%n"
            + "import of %,d rows: %,d in the roster when a member-service and an import-service replica were"
            + " killed; report finished %.1f s later, %,d created, roster %,d members%n"
            + "%,d invitations: %,d sent when an invitation-service replica was killed; all sent %.1f s later;"
            + " %d mailed twice (%.2f%%), %d never mailed%n====%n",
        ROWS, landedBeforeKill, importRecovery, report.get("created").asInt(), ROWS + 1, INVITATIONS,
        sentBeforeKill, invitationRecovery, duplicates, 100.0 * duplicates / INVITATIONS, neverMailed.size());
    assertThat(neverMailed).as("members never mailed").isEmpty();
    assertThat(duplicates).as("mails sent twice").isLessThanOrEqualTo(INVITATION_CONSUMERS);
  }

  /** The replicas this test added and did not kill leave, so the classes after it meet the usual system. */
  @AfterAll
  static void stopAddedReplicas() {
    Services.inParallel(added.stream().filter(instance -> instance.process().isAlive())
        .map(instance -> (java.util.function.Supplier<Services.Instance>) () -> {
          instance.process().close();
          return instance;
        }).toList());
  }

  private static Services.Instance add(String service) {
    Services.Instance instance = services.start(service);
    synchronized (added) {
      added.add(instance);
    }
    return instance;
  }

  /** Kills a replica this test added (never the first instance, which the gateway routes to). */
  private static void kill(String service) {
    Services.Instance victim = added.stream().filter(i -> i.service().equals(service) && i.process().isAlive())
        .findFirst().orElseThrow();
    victim.process().kill();
  }

  /** Cagette's 12-column export, as a coordinator has it, with {@code ROWS} members. */
  private static byte[] cagetteExport(String groupId) {
    StringBuilder csv = new StringBuilder("Prénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);"
        + "Nom conjoint(e);Courriel conjoint(e);Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville\r\n");
    for (int i = 0; i < ROWS; i++) {
      csv.append("Adhérent").append(';').append("Numéro ").append(i).append(';')
          .append(String.format("adherent%05d@%s.example", i, groupId)).append(";06 12 34 ")
          .append(String.format("%02d %02d", i / 100 % 100, i % 100)).append(";;;;;")
          .append(i).append(" rue des Lilas;;93260;Les Lilas\r\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private int mails(String api, String email) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/user/"
        + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()).size() : 0;
  }

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }

  private static void eventually(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      Thread.sleep(500);
    }
  }
}

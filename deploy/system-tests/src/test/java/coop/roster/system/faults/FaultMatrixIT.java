package coop.roster.system.faults;

import coop.roster.stack.Endpoints;
import coop.roster.stack.Part;
import coop.roster.stack.Services;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.system.RosterSystem;
import coop.roster.system.replicas.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix: a part of the system fails for real (a process killed with SIGKILL, then started again)
 * in the middle of a flow, and the end state is what a coordinator expects — every row of the file in the
 * roster once, every invitation sent (mails twice only within the documented bound), every report finished.
 * Runs in its own Failsafe JVM with its own servers (the {@code faults} execution of this module's pom), with
 * Kafka's session timeout and the services' retry bounds shortened there. Bounds are waited for by polling,
 * never asserted on time; the table of what each case lost, duplicated and how long it took to recover is
 * printed at the end (README, "Failures").
 */
@ExtendWith(RosterSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixIT {

  /** The issue's sizes: a 10,000-row import and 1,000 invitations (the most one request may carry). */
  private static final int ROWS = Integer.getInteger("faults.rows", 10_000);
  private static final int INVITATIONS = Integer.getInteger("faults.invitations", 1_000);
  private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("faults.outage.seconds", 20));
  /**
   * Longer than every bound a Kafka outage can exceed, as the faults execution shortens them (README, "Failures"),
   * both steps of the no-answer bounds included: an import's rows published again after 2 min without progress, then
   * "non confirmées" 2 min later; an invitation requested again after 2 min without answer, then failed 2 min later
   * (each step seen by a sweep every 15 s). Also the consumers' retries (~1 min 45 s), the producers' delivery
   * timeout (45 s) and the identity extension's fast path (60 s).
   */
  private static final Duration LONG_OUTAGE = Duration.ofSeconds(Integer.getInteger("faults.long-outage.seconds",
      300));
  /** Members who log in around the Keycloak and Kafka outage: before it, and while Kafka is dead. */
  private static final int LOGINS_BEFORE = 2;
  private static final int LOGINS_DURING = 4;
  /** invitation-service's consumer threads on invitations.requested.v1: the most mails a killed instance repeats. */
  private static final int INVITATION_CONSUMERS = 2;
  private static final List<String> BACKEND_SERVICES = Services.BACKENDS;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> TABLE = Collections.synchronizedList(new ArrayList<>());

  private static RosterSystem system;
  /** The SMTP relay's cuttable proxy, once invitation-service sends through it. */
  private static CuttableRelay relay;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void system(RosterSystem running) {
    system = running;
  }

  @Test
  @Order(1)
  void aMemberAddedAndInvitedWhileKafkaIsDeadIsMailedOnceKafkaIsBack() throws Exception {
    Group group = newGroup("seul");
    system.infrastructure().kill(Part.KAFKA);
    Instant restored;
    String memberId;
    String email = "camille@" + group.id + ".example";
    try {
      memberId = group.members.post(group.roster, Map.of("email", email, "firstName", "Camille", "lastName",
          "Martin")).get("id").asString();
      group.members.post(group.invitations, Map.of("memberIds", List.of(memberId)));
      pause(OUTAGE);
    } finally {
      system.infrastructure().start(Part.KAFKA);
      restored = Instant.now();
    }
    eventually(() -> "SENT".equals(group.members.get(group.roster + "/" + memberId).at("/invitation/state")
        .asString()), Duration.ofMinutes(8), "the invitation of the member added while Kafka was dead sent");
    double recovery = seconds(restored);
    int mails = mails(email);
    record("Kafka killed (SIGKILL), " + OUTAGE.toSeconds() + " s", "one \"Nouvel adhérent\" + one invitation",
        mails == 0 ? "1 mail" : "nothing", mails > 1 ? (mails - 1) + " mail" : "nothing", recovery);
    assertThat(mails).as("mails received by " + email).isEqualTo(1);
  }

  @Test
  @Order(2)
  void anImportGoesOnToItsEndWhenKafkaIsKilledHalfway() throws Exception {
    Group group = newGroup("import-kafka");
    String job = confirmedImport(group);
    eventually(() -> total(group) >= ROWS / 2, Duration.ofMinutes(5), "half the rows in the roster");
    system.infrastructure().kill(Part.KAFKA);
    pause(OUTAGE);
    system.infrastructure().start(Part.KAFKA);
    Instant restored = Instant.now();
    JsonNode report = finishedReport(group, job);
    recordImport("Kafka killed (SIGKILL), " + OUTAGE.toSeconds() + " s", group, report, restored);
  }

  @Test
  @Order(3)
  void invitationsGoOnToTheirEndWhenKafkaIsKilledHalfway() throws Exception {
    Group group = newGroup("invitations-kafka");
    Invited invited = invite(group);
    eventually(() -> invited.sent() >= INVITATIONS / 2, Duration.ofMinutes(8), "half the invitations sent");
    system.infrastructure().kill(Part.KAFKA);
    pause(OUTAGE);
    system.infrastructure().start(Part.KAFKA);
    Instant restored = Instant.now();
    recordInvitations("Kafka killed (SIGKILL), " + OUTAGE.toSeconds() + " s", invited, restored, 0);
  }

  @Test
  @Order(4)
  void invitationsGoOnToTheirEndWhenInvitationServiceIsKilledAndStartedAgain() throws Exception {
    Group group = newGroup("invitations-crash");
    Invited invited = invite(group);
    eventually(() -> invited.sent() >= INVITATIONS / 2, Duration.ofMinutes(8), "half the invitations sent");
    Instant restored = restart("invitation-service");
    recordInvitations("invitation-service killed (SIGKILL), started again", invited, restored,
        INVITATION_CONSUMERS);
  }

  @Test
  @Order(5)
  void anImportGoesOnToItsEndWhenMemberServiceIsKilledAndStartedAgain() throws Exception {
    Group group = newGroup("import-crash");
    String job = confirmedImport(group);
    eventually(() -> total(group) >= ROWS / 2, Duration.ofMinutes(5), "half the rows in the roster");
    Instant restored = restart("member-service");
    JsonNode report = finishedReport(group, job);
    recordImport("member-service killed (SIGKILL), started again", group, report, restored);
  }

  @Test
  @Order(6)
  void anImportGoesOnToItsEndWhenImportServiceIsKilledAndStartedAgain() throws Exception {
    Group group = newGroup("import-service-crash");
    String job = confirmedImport(group);
    eventually(() -> total(group) >= ROWS / 4, Duration.ofMinutes(5), "a quarter of the rows in the roster");
    Instant restored = restart("import-service");
    JsonNode report = finishedReport(group, job);
    recordImport("import-service killed (SIGKILL), started again", group, report, restored);
  }

  @Test
  @Order(7)
  void anImportGoesOnToItsEndWhenMongoDbIsKilledHalfway() throws Exception {
    Group group = newGroup("import-mongodb");
    String job = confirmedImport(group);
    eventually(() -> total(group) >= ROWS / 2, Duration.ofMinutes(5), "half the rows in the roster");
    system.infrastructure().kill(Part.MONGODB);
    pause(OUTAGE);
    system.infrastructure().start(Part.MONGODB);
    Instant restored = Instant.now();
    JsonNode report = finishedReport(group, job);
    recordImport("MongoDB killed (SIGKILL), " + OUTAGE.toSeconds() + " s", group, report, restored);
  }

  @Test
  @Order(8)
  void invitationsGoOnToTheirEndWhenMongoDbIsKilledHalfway() throws Exception {
    Group group = newGroup("invitations-mongodb");
    Invited invited = invite(group);
    eventually(() -> invited.sent() >= INVITATIONS / 2, Duration.ofMinutes(8), "half the invitations sent");
    system.infrastructure().kill(Part.MONGODB);
    pause(OUTAGE);
    system.infrastructure().start(Part.MONGODB);
    Instant restored = Instant.now();
    recordInvitations("MongoDB killed (SIGKILL), " + OUTAGE.toSeconds() + " s", invited, restored,
        INVITATION_CONSUMERS, false);
  }

  @Test
  @Order(9)
  void invitationsGoOnToTheirEndWhenTheRelayDropsEveryConnectionHalfway() throws Exception {
    Map<String, String> smtp = system.infrastructure().environment();
    relay = new CuttableRelay(smtp.get(Endpoints.SMTP_HOST), Integer.parseInt(smtp.get(Endpoints.SMTP_PORT)));
    // invitation-service stopped cleanly and started again on the relay's proxy: not part of the fault.
    system.services().first("invitation-service").process().close();
    system.services().start("invitation-service", Map.of(Endpoints.SMTP_PORT, Integer.toString(relay.port())));
    Group group = newGroup("invitations-relay");
    Invited invited = invite(group);
    eventually(() -> invited.sent() >= INVITATIONS / 2, Duration.ofMinutes(8), "half the invitations sent");
    relay.cut();
    pause(OUTAGE);
    relay.pass();
    Instant restored = Instant.now();
    recordInvitations("SMTP relay drops every connection, refuses for " + OUTAGE.toSeconds() + " s", invited,
        restored, INVITATION_CONSUMERS, false);
  }

  @Test
  @Order(10)
  void invitationsEndSentOrFailedWithAReasonWhenKeycloakIsKilledAndStartedAgain() throws Exception {
    Group group = newGroup("invitations-keycloak");
    // Killed as soon as the request is accepted: 300 mails take invitation-service about 20 s, so later the links
    // would all be minted already. The accounts of the members just imported may still be in the making too.
    Invited invited = invite(group);
    system.infrastructure().kill(Part.KEYCLOAK);
    pause(OUTAGE);
    system.infrastructure().start(Part.KEYCLOAK);
    Instant restored = Instant.now();
    recordInvitations("Keycloak killed (SIGKILL), " + OUTAGE.toSeconds() + " s, started again", invited, restored,
        INVITATION_CONSUMERS, true);
  }

  /**
   * Kafka dead longer than every retry bound (the faults execution shortens them) while an import publishes, while
   * invitations are mailed, and right after a single "Nouvel adhérent" and their invitation. Once it is back, the
   * coordinator sees every flow end: the import complete (after "Publier à nouveau" if it ended with rows "non
   * confirmées"), every invitation sent or failed with a reason, the new member's too.
   */
  @Test
  @Order(12)
  void anImportInvitationsAndANewMemberEndAsTheCoordinatorExpectsWhenKafkaIsDeadLongerThanEveryRetryBound()
      throws Exception {
    String fault = "Kafka killed (SIGKILL), " + LONG_OUTAGE.toSeconds() + " s, longer than every retry bound";
    Group inviting = newGroup("long-invitations");
    Imported toInvite = imported(inviting);
    Group importing = newGroup("long-import");
    Group alone = newGroup("long-seul");
    // Both flows started together, Kafka killed as soon as both are under way: neither is over at the kill.
    String job = confirmedImport(importing);
    Invited invited = requested(toInvite);
    eventually(() -> total(importing) > 1 && invited.sent() > 0, Duration.ofMinutes(8),
        "the import's first rows in the roster and the first invitations sent");
    String email = "dominique@" + alone.id + ".example";
    String memberId = alone.members.post(alone.roster, Map.of("email", email, "firstName", "Dominique",
        "lastName", "Martin")).get("id").asString();
    alone.members.post(alone.invitations, Map.of("memberIds", List.of(memberId)));
    system.infrastructure().kill(Part.KAFKA);
    int rowsBefore = total(importing) - 1;
    int sentBefore = invited.sent();
    Instant restored;
    try {
      pause(LONG_OUTAGE);
    } finally {
      system.infrastructure().start(Part.KAFKA);
      restored = Instant.now();
    }

    eventually(() -> endedWithReason(alone.members.get(alone.roster + "/" + memberId).path("invitation")),
        Duration.ofMinutes(10), "the new member's invitation sent, or failed with a reason");
    double aloneRecovery = seconds(restored);
    JsonNode invitation = alone.members.get(alone.roster + "/" + memberId).path("invitation");
    int mails = mails(email);
    boolean sent = "SENT".equals(invitation.path("state").asString());
    record(fault, "one \"Nouvel adhérent\" + one invitation",
        sent ? (mails == 0 ? "1 mail" : "nothing")
            : "nothing (failed, reason shown: " + invitation.path("failureReason").asString() + ")",
        mails > 1 ? (mails - 1) + " mail" : "nothing", aloneRecovery);
    // Failed for want of an answer, it may still be mailed once Kafka is back (the later status then replaces the
    // failure): never twice.
    assertThat(mails).as("mails received by " + email + ", invitation " + invitation).isLessThanOrEqualTo(1);
    if (sent) {
      assertThat(mails).as("mails received by " + email + ", invitation sent").isEqualTo(1);
    }

    recordInvitations(fault, invited, restored, INVITATION_CONSUMERS, true,
        INVITATIONS + " invitations (" + sentBefore + " sent at the kill)");

    JsonNode report = settledReport(importing, job);
    String flow = "import of " + ROWS + " rows (" + rowsBefore + " in the roster at the kill)";
    if ("INCOMPLETE".equals(report.path("status").asString())) {
      // What a coordinator does with rows "non confirmées": "Publier à nouveau".
      flow += " (" + report.path("unconfirmed").asLong() + " rows \"non confirmées\", \"Publier à nouveau\")";
      importing.imports.post(job + "/republish", Map.of());
    }
    recordImport(fault, flow, importing, finishedReport(importing, job), restored);
  }

  /**
   * Members log in with their password, Kafka is killed, more log in (Keycloak accepts them), then Keycloak is
   * killed too; both are started again. Every login Keycloak accepted shows in the roster: no member is left "Ne
   * s'est jamais connecté".
   */
  @Test
  @Order(13)
  void everyAcceptedLoginShowsWhenKeycloakIsKilledWhileKafkaIsDead() throws Exception {
    Group group = newGroup("logins");
    Map<String, String> members = new LinkedHashMap<>();
    for (int i = 0; i < LOGINS_BEFORE + LOGINS_DURING; i++) {
      String email = "membre" + i + "@" + group.id + ".example";
      members.put(email, group.members.post(group.roster, Map.of("email", email, "firstName", "Membre",
          "lastName", "Numéro " + i)).get("id").asString());
    }
    List<String> emails = List.copyOf(members.keySet());
    TestAccounts accounts = system.accounts();
    emails.subList(0, LOGINS_BEFORE).forEach(email -> accounts.accessToken(TestAccounts.Person.member(email)));
    system.infrastructure().kill(Part.KAFKA);
    Instant restored;
    try {
      // Accepted by Keycloak (an access token answered) while Kafka is dead.
      emails.subList(LOGINS_BEFORE, emails.size())
          .forEach(email -> accounts.accessToken(TestAccounts.Person.member(email)));
      system.infrastructure().kill(Part.KEYCLOAK);
      pause(OUTAGE);
    } finally {
      system.infrastructure().start(Part.KAFKA);
      system.infrastructure().start(Part.KEYCLOAK);
      restored = Instant.now();
    }
    eventually(() -> neverLoggedIn(group, members).isEmpty(), Duration.ofMinutes(5),
        "every accepted login shown in the roster");
    record("Kafka killed (SIGKILL), then Keycloak killed (SIGKILL) during logins, " + OUTAGE.toSeconds()
        + " s, both started again", emails.size() + " password logins (" + LOGINS_DURING + " while Kafka was dead)",
        "nothing", "nothing", seconds(restored));
    assertThat(neverLoggedIn(group, members)).as("members shown \"Ne s'est jamais connecté\"").isEmpty();
  }

  /** The e-mails of these members the roster still shows as never logged in. */
  private static List<String> neverLoggedIn(Group group, Map<String, String> members) {
    return members.entrySet().stream()
        .filter(member -> group.members.get(group.roster + "/" + member.getValue()).at("/account/lastLoginAt")
            .asString("").isBlank())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** An invitation sent, or failed with a reason a coordinator reads. */
  private static boolean endedWithReason(JsonNode invitation) {
    String state = invitation.path("state").asString();
    return "SENT".equals(state)
        || "FAILED".equals(state) && !invitation.path("failureReason").asString("").isBlank();
  }

  /**
   * Three rounds of a service picked at random (member-service running two replicas) killed at a random moment
   * of an import, then of invitations. The seed is printed, and {@code -Dfaults.seed=<seed>} replays the same
   * choices (the moments are fractions of each flow's progress, so they replay as closely as the machine allows).
   */
  @Test
  @Order(11)
  void anImportAndInvitationsGoOnToTheirEndWhileServicesAreKilledAtRandom() throws Exception {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    System.out.println("FaultMatrixIT random kills: -Dfaults.seed=" + seed);
    Random random = new Random(seed);
    if (system.services().running("member-service").size() < 2) {
      system.services().start("member-service");
    }
    String fault = "a random service killed (SIGKILL) and started again, 3 rounds, seed " + seed;

    Group group = newGroup("random-import");
    String job = confirmedImport(group);
    Instant restored = null;
    for (double fraction : fractions(random)) {
      eventually(() -> total(group) >= (int) (ROWS * fraction), Duration.ofMinutes(10),
          (int) (fraction * 100) + " % of the rows in the roster");
      restored = restart(BACKEND_SERVICES.get(random.nextInt(BACKEND_SERVICES.size())), random);
    }
    recordImport(fault, group, finishedReport(group, job), restored);

    Group invitingGroup = newGroup("random-invitations");
    Invited invited = invite(invitingGroup);
    int invitationServiceKills = 0;
    for (double fraction : fractions(random)) {
      eventually(() -> invited.sent() >= (int) (INVITATIONS * fraction), Duration.ofMinutes(10),
          (int) (fraction * 100) + " % of the invitations sent");
      String service = BACKEND_SERVICES.get(random.nextInt(BACKEND_SERVICES.size()));
      invitationServiceKills += "invitation-service".equals(service) ? 1 : 0;
      restored = restart(service, random);
    }
    recordInvitations(fault, invited, restored, INVITATION_CONSUMERS * invitationServiceKills, false);
  }

  /** Three moments of a flow, as sorted fractions of its progress between a tenth and nine tenths. */
  private static List<Double> fractions(Random random) {
    return random.doubles(3, 0.1, 0.9).sorted().boxed().toList();
  }

  /** Kills a running instance of the service picked at random (SIGKILL) and starts a new one. */
  private static Instant restart(String service, Random random) {
    List<Services.Instance> running = system.services().running(service);
    running.get(random.nextInt(running.size())).process().kill();
    system.services().start(service);
    return Instant.now();
  }

  @AfterAll
  static void printTable() throws IOException {
    if (relay != null) {
      relay.close();
    }
    System.out.printf("%n==== FaultMatrixIT ====%n| fault | flow | lost | duplicated | recovered after restore |%n"
        + "|---|---|---|---|---|%n%s%n====%n", String.join(System.lineSeparator(), TABLE));
  }

  // ---- the flows

  private record Group(String id, Backends members, Backends imports, String roster, String invitations) {
  }

  /** Members imported to be invited: their ids and e-mails, in the same order. */
  private record Imported(Group group, List<String> ids, List<String> emails) {
  }

  private record Invited(Group group, String progress, List<String> ids, List<String> emails) {
    int sent() {
      return group.members.get(progress).get("sent").asInt();
    }
  }

  private static Group newGroup(String name) {
    String groupId = "faults-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
    String coordinator = "coordinatrice@" + groupId + ".example";
    TestAccounts accounts = system.accounts();
    Services services = system.services();
    new Backends(services, "member-service", () -> accounts.platformAdminToken("admin@" + groupId + ".example"))
        .post("/api/groups", Map.of("id", groupId, "name", "AMAP des Pannes", "coordinator",
            Map.of("email", coordinator, "firstName", "Claire", "lastName", "Coordinatrice")));
    return new Group(groupId,
        new Backends(services, "member-service", () -> accounts.coordinatorToken(coordinator, groupId)),
        new Backends(services, "import-service", () -> accounts.coordinatorToken(coordinator, groupId)),
        "/api/groups/" + groupId + "/members", "/api/groups/" + groupId + "/invitations");
  }

  /** Uploads a file of {@code ROWS} members and confirms it; answers the import's address. */
  private static String confirmedImport(Group group) {
    return confirmedImportOf(group, ROWS);
  }

  private static JsonNode finishedReport(Group group, String job) throws InterruptedException {
    eventually(() -> group.imports.get(job + "/report?size=1").path("finished").asBoolean(), Duration.ofMinutes(10),
        "the import's report finished");
    return group.imports.get(job + "/report?size=1");
  }

  /** The report once the import ended, finished or {@code INCOMPLETE} with rows "non confirmées". */
  private static JsonNode settledReport(Group group, String job) throws InterruptedException {
    eventually(() -> {
      JsonNode report = group.imports.get(job + "/report?size=1");
      return report.path("finished").asBoolean() || "INCOMPLETE".equals(report.path("status").asString());
    }, Duration.ofMinutes(10), "the import's report finished, or incomplete");
    return group.imports.get(job + "/report?size=1");
  }

  private void recordImport(String fault, Group group, JsonNode report, Instant restored) {
    recordImport(fault, "import of " + ROWS + " rows", group, report, restored);
  }

  private void recordImport(String fault, String flow, Group group, JsonNode report, Instant restored) {
    double recovery = seconds(restored);
    int created = report.get("created").asInt();
    int inRoster = total(group) - 1;
    int lost = Math.max(ROWS - created, ROWS - inRoster);
    record(fault, flow, lost > 0 ? lost + " rows" : "nothing",
        inRoster > ROWS ? (inRoster - ROWS) + " members" : "nothing", recovery);
    assertThat(created).as(report.toString()).isEqualTo(ROWS);
    assertThat(report.get("rejected").asInt()).as(report.toString()).isZero();
    assertThat(inRoster).as("members in the roster besides the coordinator").isEqualTo(ROWS);
  }

  /** {@code INVITATIONS} members imported, then all of them invited at once. */
  private static Invited invite(Group group) throws InterruptedException {
    return requested(imported(group));
  }

  /** {@code INVITATIONS} members imported (the report finished), not invited yet. */
  private static Imported imported(Group group) throws InterruptedException {
    String job = confirmedImportOf(group, INVITATIONS);
    finishedReport(group, job);
    List<String> ids = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    for (int page = 0; ids.size() < INVITATIONS; page++) {
      for (JsonNode member : group.members.get(group.roster + "?selection=NEVER_LOGGED_IN&sort=email,asc&size=200"
          + "&page=" + page).get("members")) {
        if (member.at("/person/email").asString().startsWith("adherent") && ids.size() < INVITATIONS) {
          ids.add(member.get("id").asString());
          emails.add(member.at("/person/email").asString());
        }
      }
    }
    return new Imported(group, ids, emails);
  }

  /** All of them invited at once ("Envoyer des invitations"). */
  private static Invited requested(Imported members) {
    Group group = members.group;
    String requestId = group.members.post(group.invitations, Map.of("memberIds", members.ids)).get("requestId")
        .asString();
    return new Invited(group, group.invitations + "/" + requestId, members.ids, members.emails);
  }

  private static String confirmedImportOf(Group group, int rows) {
    JsonNode preview = group.imports.upload("/api/groups/" + group.id + "/imports", "adherents.csv",
        cagetteExport(group.id, rows));
    assertThat(preview.get("status").asString()).as(preview.toString()).isEqualTo("READY");
    String job = "/api/groups/" + group.id + "/imports/" + preview.get("id").asString();
    group.imports.post(job + "/confirmation", Map.of("policy", "SKIP", "consent", true));
    return job;
  }

  private void recordInvitations(String fault, Invited invited, Instant restored, int duplicateBound)
      throws Exception {
    recordInvitations(fault, invited, restored, duplicateBound, false);
  }

  /**
   * Waits until every invitation is sent or failed, then counts the mails: every member mailed (or, where
   * {@code mayFail}, failed with a reason a coordinator reads), none more than {@code duplicateBound} times too many.
   */
  private void recordInvitations(String fault, Invited invited, Instant restored, int duplicateBound, boolean mayFail)
      throws Exception {
    recordInvitations(fault, invited, restored, duplicateBound, mayFail, INVITATIONS + " invitations");
  }

  private void recordInvitations(String fault, Invited invited, Instant restored, int duplicateBound, boolean mayFail,
      String flow) throws Exception {
    eventually(() -> {
      JsonNode now = invited.group.members.get(invited.progress);
      return now.get("sent").asInt() + now.get("failed").asInt() >= INVITATIONS;
    }, Duration.ofMinutes(10), "every invitation sent or failed");
    double recovery = seconds(restored);
    int failed = invited.group.members.get(invited.progress).get("failed").asInt();
    int duplicates = 0;
    List<String> neverMailed = new ArrayList<>();
    List<String> failedWithoutReason = new ArrayList<>();
    for (int i = 0; i < invited.emails.size(); i++) {
      int mails = mails(invited.emails.get(i));
      duplicates += Math.max(0, mails - 1);
      if (mails == 0) {
        JsonNode invitation = invited.group.members.get(invited.group.roster + "/" + invited.ids.get(i))
            .path("invitation");
        boolean failedWithReason = "FAILED".equals(invitation.path("state").asString())
            && !invitation.path("failureReason").asString("").isBlank();
        if (!mayFail || !failedWithReason) {
          neverMailed.add(invited.emails.get(i));
        }
        if ("FAILED".equals(invitation.path("state").asString()) && !failedWithReason) {
          failedWithoutReason.add(invited.emails.get(i));
        }
      }
    }
    String lost = neverMailed.isEmpty() ? "nothing" : neverMailed.size() + " mails";
    if (failed > 0) {
      lost += " (" + failed + " failed, reason shown)";
    }
    record(fault, flow, lost, duplicates == 0 ? "nothing" : duplicates + " mails", recovery);
    if (!mayFail) {
      assertThat(failed).as("invitations failed").isZero();
    }
    assertThat(failedWithoutReason).as("invitations failed without a reason").isEmpty();
    assertThat(neverMailed).as("members never mailed (and not failed with a reason)").isEmpty();
    assertThat(duplicates).as("mails sent twice").isLessThanOrEqualTo(duplicateBound);
  }

  /** Kills the service's first instance (SIGKILL) and starts a new one; answers when it is ready. */
  private static Instant restart(String service) {
    system.services().first(service).process().kill();
    system.services().start(service);
    return Instant.now();
  }

  private static int total(Group group) {
    return group.members.get(group.roster + "?size=1").get("total").asInt();
  }

  private int mails(String email) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.mailApiUrl() + "/api/user/"
        + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()).size() : 0;
  }

  /** Cagette's 12-column export, as a coordinator has it. */
  private static byte[] cagetteExport(String groupId, int rows) {
    StringBuilder csv = new StringBuilder("Prénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);"
        + "Nom conjoint(e);Courriel conjoint(e);Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville\r\n");
    for (int i = 0; i < rows; i++) {
      csv.append("Adhérent;Numéro ").append(i).append(';')
          .append(String.format("adherent%05d@%s.example", i, groupId)).append(";06 12 34 ")
          .append(String.format("%02d %02d", i / 100 % 100, i % 100)).append(";;;;;")
          .append(i).append(" rue des Lilas;;93260;Les Lilas\r\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void record(String fault, String flow, String lost, String duplicated, double recovery) {
    TABLE.add("| %s | %s | %s | %s | %.1f s |".formatted(fault, flow, lost, duplicated, recovery));
  }

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }

  private static void pause(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  private static void eventually(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!holds(condition)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      Thread.sleep(500);
    }
  }

  /** A service answering an error while the part it needs comes back is asked again, as a person would. */
  private static boolean holds(BooleanSupplier condition) {
    try {
      return condition.getAsBoolean();
    } catch (AssertionError | RuntimeException e) {
      return false;
    }
  }
}

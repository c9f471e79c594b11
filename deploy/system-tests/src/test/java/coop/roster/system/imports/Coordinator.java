package coop.roster.system.imports;

import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.system.imports.ServiceApi.Answer;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator of new groups, created by the platform administrator in member-service, doing what the
 * web UI does for them: import files through import-service, look at the roster in member-service. Every
 * group and coordinator is new, so tests sharing the running system never meet.
 */
final class Coordinator {

  /** How long a step may take on the shared 2-core machine, busy with other builds, before it counts as stuck. */
  static final Duration PATIENCE = Duration.ofMinutes(4);

  final String email;
  private final ServiceApi members;
  private final ServiceApi imports;

  private Coordinator(String email, ServiceApi members, ServiceApi imports) {
    this.email = email;
    this.members = members;
    this.imports = imports;
  }

  /**
   * A new coordinator of {@code groupIds}, each group created with them as its first coordinator (and
   * member: Claire Coordinatrice).
   */
  static Coordinator ofNewGroups(TestAccounts accounts, String memberServiceUrl, String importServiceUrl,
      String... groupIds) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String email = "claire-" + suffix + "@coordination.example";
    ServiceApi admin = new ServiceApi(memberServiceUrl, accounts.platformAdminToken("admin-" + suffix
        + "@roster.example"));
    for (String groupId : groupIds) {
      Answer created = admin.post("/api/groups", Map.of("id", groupId, "name", "AMAP " + groupId,
          "coordinator", Map.of("email", email, "firstName", "Claire", "lastName", "Coordinatrice")));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
    String token = accounts.coordinatorToken(email, groupIds);
    return new Coordinator(email, new ServiceApi(memberServiceUrl, token), new ServiceApi(importServiceUrl, token));
  }

  /**
   * Calls each service with a platform administrator's token until it answers 200 (rather than failing to
   * resolve the issuer), within {@link #PATIENCE}.
   */
  static void awaitTokensAccepted(TestAccounts accounts, String memberServiceUrl, String importServiceUrl) {
    String token = accounts.platformAdminToken("warm-up-" + UUID.randomUUID().toString().substring(0, 8)
        + "@roster.example");
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Map<String, String> calls = Map.of(memberServiceUrl, "/api/groups", importServiceUrl, "/api/imports/template");
    for (var call : calls.entrySet()) {
      ServiceApi api = new ServiceApi(call.getKey(), token);
      Answer answer;
      while ((answer = api.get(call.getValue())).status() != 200) {
        assertThat(System.nanoTime()).as("%s never accepted a token; last answer: %s", call.getKey(), answer)
            .isLessThan(deadline);
        pause(Duration.ofSeconds(1));
      }
    }
  }

  /** A fresh group id. */
  static String newGroupId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The same coordinator, talking to another instance of import-service. */
  Coordinator throughImportService(String importServiceUrl) {
    return new Coordinator(email, members, new ServiceApi(importServiceUrl, tokenOf(imports)));
  }

  // ---- import-service

  /** Uploads a file and answers its preview. */
  JsonNode upload(String groupId, String fileName, byte[] content) {
    Answer answer = imports.upload("/api/groups/" + groupId + "/imports", fileName, content);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json();
  }

  JsonNode problems(String groupId, String importId) {
    return importGet(groupId, importId, "/problems?size=500");
  }

  void confirm(String groupId, String importId, String policy) {
    Answer answer = imports.post(importPath(groupId, importId) + "/confirmation",
        Map.of("policy", policy, "consent", true));
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
  }

  JsonNode progress(String groupId, String importId) {
    return importGet(groupId, importId, "");
  }

  /** Follows the progress, as the UI polls it, until the condition holds; answers every state seen. */
  List<JsonNode> follow(String groupId, String importId, Predicate<JsonNode> until) {
    List<JsonNode> seen = new ArrayList<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      JsonNode state = progress(groupId, importId);
      seen.add(state);
      if (until.test(state)) {
        return seen;
      }
      assertThat(System.nanoTime()).as("import %s never got there; last: %s", importId, state).isLessThan(deadline);
      pause(Duration.ofMillis(100));
    }
  }

  JsonNode report(String groupId, String importId) {
    return importGet(groupId, importId, "/report?size=500");
  }

  String rejectedRows(String groupId, String importId) {
    Answer answer = imports.get(importPath(groupId, importId) + "/rejected.csv");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  String template(String language) {
    Answer answer = imports.get("/api/imports/template?lang=" + language);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  // ---- member-service

  /** The group's whole roster (up to 200 members) in name order, with the counts of every selection. */
  JsonNode roster(String groupId) {
    Answer answer = members.get("/api/groups/" + groupId + "/members?selection=ALL&size=200&sort=lastName,asc");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** The member with this e-mail, as member-service shows them. */
  JsonNode member(String groupId, String email) {
    for (JsonNode member : roster(groupId).path("members")) {
      if (member.path("person").path("email").asString().equals(email)) {
        return member;
      }
    }
    throw new AssertionError(email + " is not in the roster of " + groupId);
  }

  /** Adds a member by hand ("Nouvel adhérent"); answers their id. */
  String addMember(String groupId, Map<String, Object> member) {
    Answer answer = members.post("/api/groups/" + groupId + "/members", member);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().path("id").asString();
  }

  /** The group exported as CSV, as the coordinator downloads it. */
  String export(String groupId) {
    Answer answer = members.get("/api/groups/" + groupId + "/members/export");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  private JsonNode importGet(String groupId, String importId, String suffix) {
    Answer answer = imports.get(importPath(groupId, importId) + suffix);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private static String importPath(String groupId, String importId) {
    return "/api/groups/" + groupId + "/imports/" + importId;
  }

  private static String tokenOf(ServiceApi api) {
    return api.token();
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

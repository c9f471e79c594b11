package coop.roster.member.support;

import coop.roster.stack.keycloak.TestAccounts;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Groups and people for a test, each with unique ids so that tests sharing the servers never meet. */
public final class RosterFixtures {

  private static final TestAccounts ACCOUNTS = TestAccounts.fromSystemProperties();

  private final int port;

  public RosterFixtures(int port) {
    this.port = port;
  }

  /** A fresh group id. */
  public static String newGroupId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A fresh e-mail address. */
  public static String newEmail(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  /** The platform administrator's API. */
  public Api admin() {
    return new Api(port, ACCOUNTS.platformAdminToken("admin-" + UUID.randomUUID().toString().substring(0, 8)
        + "@roster.example"));
  }

  /**
   * A new group, created by the platform admin, and the API of its (new) coordinator. The coordinator
   * logs in to Keycloak for their token, and Keycloak reports that login on Kafka; this waits until the
   * roster has recorded it, so that the coordinator is "logged in" in every test, not only in those
   * where the event happened to arrive before the assertions.
   */
  public Api newGroup(String groupId) {
    String coordinator = newEmail("coordinator");
    Api.Answer created = admin().post("/api/groups", Map.of("id", groupId, "name", "Groupe " + groupId,
        "coordinator", Map.of("email", coordinator, "firstName", "Claire", "lastName", "Coordinatrice")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Api api = coordinatorOf(coordinator, groupId);
    eventually(() -> list(api, groupId, "?selection=LOGGED_IN").get("total").asInt() == 1,
        "the coordinator's login recorded");
    return api;
  }

  public Api coordinatorOf(String email, String... groupIds) {
    return new Api(port, ACCOUNTS.coordinatorToken(email, groupIds));
  }

  /** A member typed in "Nouvel adhérent"; answers their id. */
  public static String addMember(Api api, String groupId, Map<String, Object> member) {
    Api.Answer answer = api.post("/api/groups/" + groupId + "/members", member);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().get("id").asString();
  }

  public static Map<String, Object> person(String firstName, String lastName, String email) {
    return Map.of("firstName", firstName, "lastName", lastName, "email", email);
  }

  public static JsonNode list(Api api, String groupId, String query) {
    Api.Answer answer = api.get("/api/groups/" + groupId + "/members" + query);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** Waits until the condition holds (an event consumed), or fails. */
  public static void eventually(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}

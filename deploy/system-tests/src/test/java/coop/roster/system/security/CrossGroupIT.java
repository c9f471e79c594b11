package coop.roster.system.security;

import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.system.RosterSystem;
import coop.roster.system.security.Routes.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator of one group against another group's data, on every route with a group in its path (from the
 * services' OpenAPI documents): the other group's id, or their own group's id with the other group's member,
 * import or invitation-request id. Each answer is a 403 or 404 problem detail, none shows the other group's data,
 * and afterwards the other group's coordinator finds everything as it was.
 */
@ExtendWith(RosterSystem.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossGroupIT {

  private static final String SECRET_NAME = "Secrète-Tilleuls";
  private static final Set<Integer> REFUSED = Set.of(403, 404);

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String lilas = "amap-lilas-" + suffix;
  private final String tilleuls = "amap-tilleuls-" + suffix;
  private final String elise = "elise@" + lilas + ".example";
  private final String yann = "yann@" + tilleuls + ".example";
  private final String secretEmail = "berenice@" + tilleuls + ".example";
  private RosterSystem system;
  private List<Route> routes;
  private Map<String, String> theirIds;
  private String yannToken;
  private JsonNode theirImportBefore;
  private long theirRosterSize;

  @BeforeAll
  void twoGroupsAndTheSecondOnesData(RosterSystem system) {
    this.system = system;
    system.createGroup(lilas, "AMAP des Lilas", elise, "Élise", "Dupré");
    system.createGroup(tilleuls, "AMAP des Tilleuls", yann, "Yann", "Le Goff");
    yannToken = system.accounts().token(yann, TestAccounts.PASSWORD);
    String members = system.url("member-service") + "/api/groups/" + tilleuls + "/members";
    Http.Answer member = Http.call("POST", members, yannToken, Map.of("email", secretEmail,
        "firstName", "Bérénice", "lastName", SECRET_NAME, "phone", "06 12 34 56 78"));
    assertThat(member.status()).as(member.toString()).isEqualTo(201);
    String memberId = member.json().get("id").asString();
    String importId = uploadAwaitingGroup(system.url("import-service") + "/api/groups/" + tilleuls + "/imports");
    Http.Answer request = Http.call("POST", system.url("member-service") + "/api/groups/" + tilleuls
        + "/invitations", yannToken, Map.of("memberIds", List.of(memberId)));
    assertThat(request.status()).as(request.toString()).isEqualTo(202);
    theirIds = Map.of("groupId", tilleuls, "memberId", memberId, "importId", importId,
        "requestId", request.json().get("requestId").asString());
    theirImportBefore = Http.get(importUrl(), yannToken).json();
    theirRosterSize = Http.get(members, yannToken).json().path("total").asLong();
    routes = Routes.of(system).stream().filter(route -> route.variables().contains("groupId")).toList();
  }

  @Test
  void everyRouteRefusesACoordinatorTheOtherGroupsIdAndShowsNothingOfIt() {
    String eliseToken = system.accounts().token(elise, TestAccounts.PASSWORD);
    List<String> wrong = new ArrayList<>();
    for (Route route : routes) {
      check(route, theirIds, eliseToken, wrong);
    }
    assertThat(wrong).as("answers to Élise on the Tilleuls' routes").isEmpty();
    assertThat(routes).hasSizeGreaterThan(12);
    assertTheirDataUnchanged();
  }

  @Test
  void everyRouteRefusesTheOwnGroupWithTheOtherGroupsMemberImportOrRequestId() {
    String eliseToken = system.accounts().token(elise, TestAccounts.PASSWORD);
    Map<String, String> mixed = new HashMap<>(theirIds);
    mixed.put("groupId", lilas);
    List<String> wrong = new ArrayList<>();
    List<Route> withAnotherId = routes.stream().filter(route -> route.variables().size() > 1).toList();
    for (Route route : withAnotherId) {
      if (OWN_GROUP_BY_MEMBER.contains(route.toString())) {
        checkAnswersNothingOfTheirs(route, mixed, eliseToken, wrong);
      } else {
        check(route, mixed, eliseToken, wrong);
      }
    }
    assertThat(wrong).as("answers to Élise on her own group's routes with the Tilleuls' ids").isEmpty();
    assertThat(withAnotherId).extracting(Route::toString).contains(
        "member-service DELETE /api/groups/{groupId}/members/{memberId}",
        "import-service GET /api/groups/{groupId}/imports/{importId}/rejected.csv",
        "member-service GET /api/groups/{groupId}/invitations/{requestId}");
    assertTheirDataUnchanged();
  }

  @Test
  void theListOfGroupsShowsACoordinatorOnlyTheirOwn() {
    Http.Answer groups = Http.get(system.url("member-service") + "/api/groups",
        system.accounts().token(elise, TestAccounts.PASSWORD));
    assertThat(groups.status()).isEqualTo(200);
    assertThat(groups.body()).contains(lilas).doesNotContain(tilleuls);
  }

  /**
   * "Télécharger ses données" reads: what the caller's OWN group holds about a member id ("nothing" is an answer, as
   * it is for an erased member), so another group's id gets a 200 with empty lists; it must carry nothing of theirs.
   */
  private static final Set<String> OWN_GROUP_BY_MEMBER = Set.of(
      "import-service GET /api/groups/{groupId}/imports/members/{memberId}",
      "invitation-service GET /api/groups/{groupId}/members/{memberId}/invitations");

  private void checkAnswersNothingOfTheirs(Route route, Map<String, String> ids, String token, List<String> wrong) {
    Http.Answer answer = Http.call(route.method(), route.url(ids), token, null);
    boolean refused = REFUSED.contains(answer.status()) && answer.isProblem();
    JsonNode email = answer.status() == 200 ? answer.json().path("email") : null;
    boolean empty = email != null && (email.isNull() || email.isMissingNode())
        && answer.json().path("invitations").isEmpty() && answer.json().path("imported").isEmpty()
        && answer.json().path("rejected").isEmpty();
    if (!(refused || empty) || answer.body().contains(SECRET_NAME) || answer.body().contains(secretEmail)) {
      wrong.add(route + " → " + answer);
    }
  }

  private void check(Route route, Map<String, String> ids, String token, List<String> wrong) {
    String url = route.url(ids);
    Http.Answer answer = route.takesFile()
        ? Http.upload(url, token, "adherents.csv", ("email;prenom;nom\nintrus@" + suffix + ".example;In;Trus\n")
            .getBytes(StandardCharsets.UTF_8))
        : Http.call(route.method(), url, token, route.sampleBody());
    if (!REFUSED.contains(answer.status()) || !answer.isProblem()
        || answer.body().contains(SECRET_NAME) || answer.body().contains(secretEmail)) {
      wrong.add(route + " → " + answer);
    }
  }

  /** Yann, the Tilleuls' coordinator, still finds his member, import, coordinators and roster as they were. */
  private void assertTheirDataUnchanged() {
    String memberUrl = system.url("member-service") + "/api/groups/" + tilleuls + "/members/"
        + theirIds.get("memberId");
    Http.Answer member = Http.get(memberUrl, yannToken);
    assertThat(member.status()).isEqualTo(200);
    assertThat(member.body()).contains(SECRET_NAME, secretEmail, "Bérénice").doesNotContain("intrus");
    Http.Answer roster = Http.get(system.url("member-service") + "/api/groups/" + tilleuls + "/members",
        yannToken);
    assertThat(roster.json().path("total").asLong()).isEqualTo(theirRosterSize);
    assertThat(roster.body()).doesNotContain("intrus");
    Http.Answer group = Http.get(system.url("member-service") + "/api/groups/" + tilleuls, yannToken);
    assertThat(group.body()).contains(yann).doesNotContain(elise, "intrus");
    JsonNode theirImport = Http.get(importUrl(), yannToken).json();
    assertThat(theirImport.path("status")).isEqualTo(theirImportBefore.path("status"));
    assertThat(theirImport.path("mapping")).isEqualTo(theirImportBefore.path("mapping"));
  }

  private String importUrl() {
    return system.url("import-service") + "/api/groups/" + tilleuls + "/imports/" + theirIds.get("importId");
  }

  /** Uploads a file as Yann; import-service learns of the new group from member-service's event, so it may wait. */
  private String uploadAwaitingGroup(String url) {
    byte[] file = ("email;prenom;nom\nclaude@" + tilleuls + ".example;Claude;" + SECRET_NAME + "\n")
        .getBytes(StandardCharsets.UTF_8);
    Instant deadline = Instant.now().plusSeconds(60);
    Http.Answer answer = Http.upload(url, yannToken, "adherents.csv", file);
    while (answer.status() != 201 && Instant.now().isBefore(deadline)) {
      TokensIT.pause();
      answer = Http.upload(url, yannToken, "adherents.csv", file);
    }
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().get("id").asString();
  }
}

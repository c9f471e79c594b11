package coop.roster.invitation.directory;

import coop.roster.events.GroupCoordinatorsChanged;
import coop.roster.events.GroupCreated;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberSource;
import coop.roster.events.Person;
import coop.roster.events.Topics;
import coop.roster.invitation.testing.RunningService;
import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keycloak accounts kept in step with member-service's events: members added, coordinators changed. */
class AccountsIT extends RunningService {

  private final TestAccounts keycloak = TestAccounts.fromSystemProperties();

  @Test
  void aMemberAddedGetsAnEnabledAccountWithTheirNamesAndNoPassword() {
    String email = unique("camille");
    events.publish(added("amap-" + UUID.randomUUID(), new Person("Camille", "Léger-Ébert", email, null)));

    JsonNode user = await().atMost(Duration.ofSeconds(30)).until(() -> keycloak.user(email), found -> found != null);
    assertThat(user.get("enabled").asBoolean()).isTrue();
    assertThat(user.get("firstName").asString()).isEqualTo("Camille");
    assertThat(user.get("lastName").asString()).isEqualTo("Léger-Ébert");
    assertThat(keycloak.admin("GET", "/users/" + user.get("id").asString() + "/credentials", null, 200)).isEmpty();
  }

  @Test
  void aPersonMemberOfTwoGroupsHasOneAccount() {
    String email = unique("dominique");
    events.publish(added("amap-" + UUID.randomUUID(), new Person("Dominique", "Roux", email, null)));
    events.publish(added("csa-" + UUID.randomUUID(), new Person("Dominique", "Roux", email, null)));

    await().atMost(Duration.ofSeconds(30)).until(() -> keycloak.user(email) != null);
    assertThat(keycloak.admin("GET", "/users?exact=true&email=" + email, null, 200)).hasSize(1);
  }

  @Test
  void aThousandMembersOfAnImportAllGetTheirAccount() {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    List<MemberAdded> imported = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      imported.add(added(group, new Person("Membre", "N°" + i, "membre-" + i + "@" + group + ".example", null)));
    }
    events.publishAll(imported);

    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
        .until(() -> keycloak.admin("GET", "/users/count?email=" + group + ".example", null, 200).asInt() == 1000);
  }

  @Test
  void coordinatorsGetTheGroupInTheirTokenAndLoseItWhenTheyAreNoLongerCoordinators() {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String elise = unique("elise");
    String paul = unique("paul");
    events.publish(new GroupCreated(UUID.randomUUID(), Instant.now(), group, "AMAP des Lilas", group,
        List.of(elise)));
    await().atMost(Duration.ofSeconds(30)).until(() -> coordinatedGroups(elise).contains(group));

    events.publish(new GroupCoordinatorsChanged(UUID.randomUUID(), Instant.now(), group, "AMAP des Lilas",
        List.of(paul)));
    await().atMost(Duration.ofSeconds(30)).until(() -> coordinatedGroups(paul).contains(group)
        && !coordinatedGroups(elise).contains(group));

    String id = keycloak.userId(paul);
    keycloak.admin("PUT", "/users/" + id + "/reset-password",
        Map.of("type", "password", "value", TestAccounts.PASSWORD, "temporary", false), 204);
    JsonNode claims = JsonMapper.builder().build().readTree(Base64.getUrlDecoder()
        .decode(keycloak.token(paul, TestAccounts.PASSWORD).split("\\.")[1]));
    assertThat(claims.get("roster_groups").values()).extracting(JsonNode::asString).contains(group);
  }

  @Test
  void anUnreadableEventGoesToTheDeadLetterTopicAndTheNextOnesStillCount() {
    byte[] garbage = ("{\"type\":\"MemberAdded\",\"memberId\": [" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    events.send(Topics.MEMBERS_ROSTER, "broken", garbage);
    String email = unique("after-the-garbage");
    events.publish(added("amap-" + UUID.randomUUID(), new Person("Alix", "Suivant", email, null)));

    await().atMost(Duration.ofSeconds(60)).until(() -> events.values(Topics.deadLetter(Topics.MEMBERS_ROSTER))
        .stream().anyMatch(value -> java.util.Arrays.equals(value, garbage)));
    await().atMost(Duration.ofSeconds(30)).until(() -> keycloak.user(email) != null);
  }

  private static MemberAdded added(String group, Person person) {
    return new MemberAdded(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), group, person, null, null,
        MemberSource.IMPORT, "import-1");
  }

  private List<String> coordinatedGroups(String email) {
    JsonNode user = keycloak.user(email);
    if (user == null || !user.path("attributes").has("roster_groups")) {
      return List.of();
    }
    return user.path("attributes").get("roster_groups").values().stream().map(JsonNode::asString).toList();
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}

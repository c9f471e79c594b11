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
import org.springframework.beans.factory.annotation.Autowired;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keycloak accounts kept in step with member-service's events: members added, coordinators changed. */
class AccountsIT extends RunningService {

  private final TestAccounts keycloak = TestAccounts.fromSystemProperties();

  @Autowired
  Coordinators coordinators;

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
  void aCoordinatorTakenOffOneGroupKeepsTheOthers() {
    String lilas = newGroupId("lilas");
    String marche = newGroupId("marche");
    String elise = unique("elise");
    String paul = unique("paul");
    events.publish(new GroupCreated(UUID.randomUUID(), Instant.now(), lilas, "AMAP des Lilas", lilas, List.of(elise)));
    events.publish(new GroupCreated(UUID.randomUUID(), Instant.now(), marche, "AMAP du Marché", marche,
        List.of(elise)));
    await().atMost(Duration.ofSeconds(30)).until(() -> coordinatedGroups(elise).containsAll(List.of(lilas, marche)));

    events.publish(new GroupCoordinatorsChanged(UUID.randomUUID(), Instant.now(), marche, "AMAP du Marché",
        List.of(paul)));

    await().atMost(Duration.ofSeconds(30)).until(() -> coordinatedGroups(paul).contains(marche));
    await().atMost(Duration.ofSeconds(30)).until(() -> coordinatedGroups(elise).equals(List.of(lilas)));
  }

  @Test
  void anOlderGroupEventComingLateDoesNotGiveTheGroupBack() {
    String group = newGroupId("late");
    String elise = unique("elise");
    String paul = unique("paul");
    String zoe = unique("zoe");
    Instant start = Instant.now();
    events.publish(new GroupCreated(UUID.randomUUID(), start, group, "AMAP", group, List.of(elise)));
    events.publish(new GroupCoordinatorsChanged(UUID.randomUUID(), start.plusSeconds(2), group, "AMAP",
        List.of(paul)));
    events.publish(new GroupCoordinatorsChanged(UUID.randomUUID(), start.plusSeconds(1), group, "AMAP",
        List.of(elise)));
    // Same key, same partition: once Zoé has the group, the late event before her has been dealt with.
    events.publish(new GroupCoordinatorsChanged(UUID.randomUUID(), start.plusSeconds(3), group, "AMAP",
        List.of(paul, zoe)));

    await().atMost(Duration.ofSeconds(30)).until(() -> coordinatedGroups(zoe).contains(group));
    assertThat(coordinatedGroups(paul)).contains(group);
    assertThat(coordinatedGroups(elise)).doesNotContain(group);
  }

  @Test
  void groupsGivenToOneCoordinatorAtTheSameTimeAreAllKept() throws Exception {
    String camille = unique("camille");
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      groups.add(newGroupId("parallel-" + i));
    }

    // Six instances each applying one group's event at once: none may lose another's group.
    try (ExecutorService instances = Executors.newFixedThreadPool(groups.size())) {
      List<Future<?>> done = new ArrayList<>();
      for (String group : groups) {
        done.add(instances.submit(() -> coordinators.apply(
            new GroupCreated(UUID.randomUUID(), Instant.now(), group, "AMAP", group, List.of(camille)))));
      }
      for (Future<?> applied : done) {
        applied.get();
      }
    }

    assertThat(coordinatedGroups(camille)).containsExactlyInAnyOrderElementsOf(groups);
  }

  @Test
  void reconciliationPutsKeycloakBackInStepWithTheKnownGroups() {
    String group = newGroupId("reconciled");
    String elise = unique("elise");
    String mallory = unique("mallory");
    coordinators.apply(new GroupCreated(UUID.randomUUID(), Instant.now(), group, "AMAP", group, List.of(elise)));
    keycloak.admin("POST", "/users", Map.of("username", mallory, "email", mallory, "enabled", true), 201);
    setCoordinatedGroups(mallory, List.of(group));
    setCoordinatedGroups(elise, List.of());

    coordinators.reconcile();

    assertThat(coordinatedGroups(elise)).containsExactly(group);
    assertThat(coordinatedGroups(mallory)).isEmpty();
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

  private void setCoordinatedGroups(String email, List<String> groups) {
    String id = keycloak.userId(email);
    JsonNode user = keycloak.admin("GET", "/users/" + id, null, 200);
    Map<String, Object> attributes = new java.util.LinkedHashMap<>();
    user.path("attributes").properties().forEach(attribute ->
        attributes.put(attribute.getKey(), attribute.getValue().values().stream().map(JsonNode::asString).toList()));
    attributes.put("roster_groups", groups);
    keycloak.admin("PUT", "/users/" + id, Map.of("username", email, "email", email, "enabled", true,
        "attributes", attributes), 204);
  }

  private static String newGroupId(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}

package coop.roster.member.roster;

import coop.roster.events.ExistingMemberPolicy;
import coop.roster.events.ImportRowOutcome;
import coop.roster.events.InvitationRequested;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberCreated;
import coop.roster.events.Person;
import coop.roster.events.Topics;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/** A member's preferred language and the group's, which stands for members without one. */
@AgainstRealServers
class LanguagesIT {

  @LocalServerPort
  int port;

  String groupId;
  Api coordinator;

  @BeforeEach
  void aGroup() {
    groupId = RosterFixtures.newGroupId("lang");
    coordinator = new RosterFixtures(port).newGroup(groupId);
  }

  @Test
  void aNewGroupWritesInFrenchUntilItsCoordinatorChoosesEnglish() {
    assertThat(coordinator.get(group()).json().get("language").asString()).isEqualTo("fr");

    Api.Answer changed = coordinator.put(group() + "/settings", Map.of("language", "en"));

    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(coordinator.get(group()).json().get("language").asString()).isEqualTo("en");
  }

  @Test
  void eachMemberIsInvitedInTheirOwnLanguageElseInTheGroups() {
    coordinator.put(group() + "/settings", Map.of("language", "en"));
    String french = RosterFixtures.addMember(coordinator, groupId, withLanguage(
        person("Jeanne", "Martin", newEmail("jeanne")), "fr"));
    String unsaid = RosterFixtures.addMember(coordinator, groupId, person("Paul", "Durand", newEmail("paul")));
    assertThat(coordinator.get(members() + "/" + french).json().get("language").asString()).isEqualTo("fr");
    assertThat(coordinator.get(members() + "/" + unsaid).json().path("language").isNull()).isTrue();

    String requestId = coordinator.post(group() + "/invitations", Map.of("memberIds", List.of(french, unsaid)))
        .json().get("requestId").asString();

    Map<String, String> locales = new HashMap<>();
    Kafka.await(Topics.INVITATIONS_REQUESTED, InvitationRequested.class, e -> e.requestId().equals(requestId), 2)
        .forEach(event -> locales.put(event.memberId(), event.locale()));
    assertThat(locales).containsExactlyInAnyOrderEntriesOf(Map.of(french, "fr", unsaid, "en"));
  }

  @Test
  void anEditedMemberKeepsTheLanguageChosenAndAnnouncesIt() {
    String email = newEmail("anna");
    String anna = RosterFixtures.addMember(coordinator, groupId, person("Anna", "Smith", email));

    Api.Answer edited = coordinator.put(members() + "/" + anna, withLanguage(person("Anna", "Smith", email), "en"));

    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(coordinator.get(members() + "/" + anna).json().get("language").asString()).isEqualTo("en");
    assertThat(Kafka.await(Topics.MEMBERS_ROSTER, coop.roster.events.MemberUpdated.class,
        e -> e.memberId().equals(anna), 1)).singleElement()
        .satisfies(updated -> assertThat(updated.language()).isEqualTo("en"));
  }

  @Test
  void aLanguageOtherThanFrenchOrEnglishIsRefusedInTheCallersLanguageAndChangesNothing() {
    Api.Answer member = coordinator.post(members(), withLanguage(person("Hans", "Weber", newEmail("hans")), "de"));
    Api.Answer group = coordinator.inLanguage("en").put(group() + "/settings", Map.of("language", "de"));

    assertThat(member.status()).isEqualTo(400);
    assertThat(member.contentType()).startsWith("application/problem+json");
    assertThat(member.json().at("/errors/language").asString())
        .isEqualTo("« Langue » doit être fr (français) ou en (anglais).");
    assertThat(group.status()).isEqualTo(400);
    assertThat(group.json().at("/errors/language").asString()).isEqualTo("\"Language\" must be fr (French) or en (English).");
    assertThat(coordinator.get(group()).json().get("language").asString()).isEqualTo("fr");
    assertThat(RosterFixtures.list(coordinator, groupId, "").get("total").asInt()).isEqualTo(1);
  }

  @Test
  void anImportedLanguageIsStoredAnnouncedExportedAndKeptByARowThatNamesNone() {
    String importId = "import-" + UUID.randomUUID();
    String email = newEmail("emma");
    MemberCreated english = new MemberCreated(UUID.randomUUID(), Instant.now(), importId, 2, groupId,
        new Person("Emma", "Brown", email, null), null, null, ExistingMemberPolicy.SKIP, "en");

    Kafka.publish(english);
    String emma = outcomes(importId, 1).getFirst().memberId();
    Kafka.publish(new MemberCreated(UUID.randomUUID(), Instant.now(), importId, 3, groupId,
        new Person("Emma", "Brown-Smith", email, null), null, null, ExistingMemberPolicy.UPDATE));
    outcomes(importId, 2);

    assertThat(Kafka.await(Topics.MEMBERS_ROSTER, MemberAdded.class, e -> e.memberId().equals(emma), 1))
        .singleElement().satisfies(added -> assertThat(added.language()).isEqualTo("en"));
    var member = coordinator.get(members() + "/" + emma).json();
    assertThat(member.at("/person/lastName").asString()).isEqualTo("Brown-Smith");
    assertThat(member.get("language").asString()).isEqualTo("en");
    String export = new String(coordinator.get(members() + "/export").raw().body(), StandardCharsets.UTF_8);
    assertThat(export.lines().filter(line -> line.contains(email))).singleElement()
        .satisfies(line -> assertThat(line).endsWith(";en"));
  }

  private List<ImportRowOutcome> outcomes(String importId, int expected) {
    return Kafka.await(Topics.IMPORTS_OUTCOMES, ImportRowOutcome.class, o -> o.importId().equals(importId),
        expected);
  }

  private static Map<String, Object> withLanguage(Map<String, Object> person, String language) {
    Map<String, Object> member = new HashMap<>(person);
    member.put("language", language);
    return member;
  }

  private String group() {
    return "/api/groups/" + groupId;
  }

  private String members() {
    return group() + "/members";
  }
}

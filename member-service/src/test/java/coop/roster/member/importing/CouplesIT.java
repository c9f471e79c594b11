package coop.roster.member.importing;

import coop.roster.events.Address;
import coop.roster.events.ExistingMemberPolicy;
import coop.roster.events.ImportRowOutcome;
import coop.roster.events.ImportRowOutcome.Outcome;
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
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static coop.roster.member.support.RosterFixtures.newEmail;
import static org.assertj.core.api.Assertions.assertThat;

/** Couples as Cagette exports them (the "conjoint(e)" columns): a partner with an e-mail is a member of their own. */
@AgainstRealServers
class CouplesIT {

  private static final Address LILAS = new Address("3 rue des Lilas", null, "69001", "Lyon");

  @LocalServerPort
  int port;

  String groupId;
  Api coordinator;
  String jeanneEmail;
  String paulEmail;

  @BeforeEach
  void aGroup() {
    groupId = RosterFixtures.newGroupId("couples");
    coordinator = new RosterFixtures(port).newGroup(groupId);
    jeanneEmail = newEmail("jeanne");
    paulEmail = newEmail("paul");
  }

  @Test
  void aCoupleImportedBecomesTwoMembersEachLinkedToTheOther() {
    String importId = newImportId();

    Kafka.publish(couple(importId, 2, "Martin", ExistingMemberPolicy.SKIP));

    ImportRowOutcome outcome = outcomes(importId, 1).getFirst();
    assertThat(outcome.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(outcome.partnerOutcome()).isEqualTo(Outcome.CREATED);
    assertThat(outcome.people()).isEqualTo(2);
    JsonNode jeanne = member(outcome.memberId());
    JsonNode paul = member(outcome.partnerMemberId());
    assertThat(jeanne.at("/person/email").asString()).isEqualTo(jeanneEmail);
    assertThat(jeanne.path("partner").isMissingNode() || jeanne.get("partner").isNull()).isTrue();
    assertThat(jeanne.at("/partnerMember/id").asString()).isEqualTo(outcome.partnerMemberId());
    assertThat(paul.at("/person/email").asString()).isEqualTo(paulEmail);
    assertThat(paul.at("/person/phone").asString()).isEqualTo("06 98 76 54 32");
    assertThat(paul.at("/address/city").asString()).isEqualTo("Lyon");
    assertThat(paul.at("/partnerMember/firstName").asString()).isEqualTo("Jeanne");
    assertThat(RosterFixtures.list(coordinator, groupId, "?q=martin").get("total").asInt()).isEqualTo(2);
  }

  @Test
  void theSameHouseholdImportedAgainAddsNobody() {
    Kafka.publish(couple(newImportId(), 2, "Martin", ExistingMemberPolicy.SKIP));
    RosterFixtures.eventually(() -> total() == 3, "the couple in the roster");
    String again = newImportId();

    Kafka.publish(couple(again, 2, "Martin-Durand", ExistingMemberPolicy.SKIP));

    ImportRowOutcome outcome = outcomes(again, 1).getFirst();
    assertThat(outcome.outcome()).isEqualTo(Outcome.ALREADY_MEMBER);
    assertThat(outcome.partnerOutcome()).isEqualTo(Outcome.ALREADY_MEMBER);
    assertThat(total()).isEqualTo(3);
    assertThat(member(outcome.partnerMemberId()).at("/person/lastName").asString()).isEqualTo("Martin");
  }

  @Test
  void theUpdateChoiceUpdatesEachPersonOfTheHousehold() {
    Kafka.publish(couple(newImportId(), 2, "Martin", ExistingMemberPolicy.SKIP));
    RosterFixtures.eventually(() -> total() == 3, "the couple in the roster");
    String again = newImportId();

    Kafka.publish(couple(again, 2, "Martin-Durand", ExistingMemberPolicy.UPDATE));

    ImportRowOutcome outcome = outcomes(again, 1).getFirst();
    assertThat(outcome.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(outcome.partnerOutcome()).isEqualTo(Outcome.UPDATED);
    assertThat(member(outcome.memberId()).at("/person/lastName").asString()).isEqualTo("Martin-Durand");
    assertThat(member(outcome.partnerMemberId()).at("/person/lastName").asString()).isEqualTo("Martin-Durand");
    assertThat(member(outcome.partnerMemberId()).at("/partnerMember/id").asString()).isEqualTo(outcome.memberId());
    assertThat(total()).isEqualTo(3);
  }

  @Test
  void aMemberWhosePartnerWasANoteGetsThemAsAMemberOfTheirOwnWhenImportedAgain() {
    String jeanne = RosterFixtures.addMember(coordinator, groupId, Map.of("firstName", "Jeanne", "lastName",
        "Martin", "email", jeanneEmail, "partner", Map.of("firstName", "Paul", "lastName", "Martin")));
    String again = newImportId();

    Kafka.publish(couple(again, 2, "Martin", ExistingMemberPolicy.SKIP));

    ImportRowOutcome outcome = outcomes(again, 1).getFirst();
    assertThat(outcome.memberId()).isEqualTo(jeanne);
    assertThat(outcome.outcome()).isEqualTo(Outcome.ALREADY_MEMBER);
    assertThat(outcome.partnerOutcome()).isEqualTo(Outcome.CREATED);
    JsonNode first = member(jeanne);
    assertThat(first.at("/partnerMember/email").asString()).isEqualTo(paulEmail);
    assertThat(first.path("partner").isMissingNode() || first.get("partner").isNull())
        .as("the note of Paul left her page: his own page says it now").isTrue();
  }

  @Test
  void aCoupleSharingOneEmailStaysOneMemberWithThePartnerOnTheirPage() {
    String importId = newImportId();

    Kafka.publish(new MemberCreated(UUID.randomUUID(), Instant.now(), importId, 2, groupId,
        new Person("Jeanne", "Martin", jeanneEmail, null), new Person("Paul", "Martin", jeanneEmail, null), LILAS,
        ExistingMemberPolicy.SKIP));

    ImportRowOutcome outcome = outcomes(importId, 1).getFirst();
    assertThat(outcome.partnerMemberId()).isNull();
    assertThat(outcome.people()).isEqualTo(1);
    assertThat(member(outcome.memberId()).at("/partner/firstName").asString()).isEqualTo("Paul");
  }

  @Test
  void removingOnePersonOfAHouseholdLeavesTheOtherOnTheirOwn() {
    String importId = newImportId();
    Kafka.publish(couple(importId, 2, "Martin", ExistingMemberPolicy.SKIP));
    ImportRowOutcome outcome = outcomes(importId, 1).getFirst();

    assertThat(coordinator.delete(members() + "/" + outcome.memberId()).status()).isEqualTo(204);

    JsonNode paul = member(outcome.partnerMemberId());
    assertThat(paul.at("/person/firstName").asString()).isEqualTo("Paul");
    assertThat(paul.path("partnerMember").isMissingNode() || paul.get("partnerMember").isNull()).isTrue();
    RosterFixtures.eventually(() -> total() == 2, "the coordinator and Paul left in the list");
  }

  @Test
  void aPartnerAddedByHandIsLinkedAndTakesThePlaceOfTheNoteOnTheFirstMembersPage() {
    String jeanne = RosterFixtures.addMember(coordinator, groupId, Map.of("firstName", "Jeanne", "lastName",
        "Martin", "email", jeanneEmail, "partner", Map.of("firstName", "Paul", "lastName", "Martin")));

    String paul = RosterFixtures.addMember(coordinator, groupId, Map.of("firstName", "Paul", "lastName", "Martin",
        "email", paulEmail, "partnerOf", jeanne));

    assertThat(member(paul).at("/partnerMember/id").asString()).isEqualTo(jeanne);
    JsonNode first = member(jeanne);
    assertThat(first.at("/partnerMember/id").asString()).isEqualTo(paul);
    assertThat(first.path("partner").isMissingNode() || first.get("partner").isNull()).isTrue();
    Api.Answer third = coordinator.post(members(), Map.of("firstName", "Léa", "lastName", "Petit",
        "email", newEmail("lea"), "partnerOf", jeanne));
    assertThat(third.status()).isEqualTo(409);
    assertThat(third.json().get("detail").asString())
        .isEqualTo("Jeanne Martin partage déjà son foyer avec un autre adhérent.");
  }

  @Test
  void theListShowsEachMembersPartnerAlsoWhenTheyAreOnAnotherPageOrWereLinkedSinceTheLastLook() {
    String jeanne = RosterFixtures.addMember(coordinator, groupId, Map.of("firstName", "Jeanne", "lastName",
        "Martin", "email", jeanneEmail));
    JsonNode alone = RosterFixtures.list(coordinator, groupId, "?q=jeanne&size=1").get("members").get(0);
    assertThat(alone.get("id").asString()).isEqualTo(jeanne);
    assertThat(alone.path("partnerMember").isMissingNode() || alone.get("partnerMember").isNull()).isTrue();

    String paul = RosterFixtures.addMember(coordinator, groupId, Map.of("firstName", "Paul", "lastName", "Martin",
        "email", paulEmail, "partnerOf", jeanne));

    // Paul is not on Jeanne's page (the search leaves him out), and he was not her partner when the list was read.
    JsonNode linked = RosterFixtures.list(coordinator, groupId, "?q=jeanne&size=1").get("members").get(0);
    assertThat(linked.at("/partnerMember/id").asString()).isEqualTo(paul);
    assertThat(linked.at("/partnerMember/firstName").asString()).isEqualTo("Paul");
    JsonNode both = RosterFixtures.list(coordinator, groupId, "?q=martin&sort=firstName");
    assertThat(both.get("members")).extracting(row -> row.at("/partnerMember/id").asString())
        .containsExactly(paul, jeanne);
  }

  private MemberCreated couple(String importId, int rowNumber, String lastName, ExistingMemberPolicy policy) {
    return new MemberCreated(UUID.randomUUID(), Instant.now(), importId, rowNumber, groupId,
        new Person("Jeanne", lastName, jeanneEmail, "06 12 34 56 78"),
        new Person("Paul", lastName, paulEmail, "06 98 76 54 32"), LILAS, policy);
  }

  private static String newImportId() {
    return "import-" + UUID.randomUUID();
  }

  private JsonNode member(String id) {
    Api.Answer answer = coordinator.get(members() + "/" + id);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** The group's members, the coordinator included. */
  private int total() {
    return RosterFixtures.list(coordinator, groupId, "").get("total").asInt();
  }

  private String members() {
    return "/api/groups/" + groupId + "/members";
  }

  private List<ImportRowOutcome> outcomes(String importId, int expected) {
    return Kafka.await(Topics.IMPORTS_OUTCOMES, ImportRowOutcome.class, o -> o.importId().equals(importId),
        expected);
  }
}

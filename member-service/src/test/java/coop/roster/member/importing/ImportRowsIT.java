package coop.roster.member.importing;

import coop.roster.events.Address;
import coop.roster.events.ExistingMemberPolicy;
import coop.roster.events.ImportRowOutcome;
import coop.roster.events.ImportRowOutcome.Outcome;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberCreated;
import coop.roster.events.MemberUpdated;
import coop.roster.events.Person;
import coop.roster.events.Topics;
import coop.roster.member.roster.Member;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/** Rows of a confirmed import, published by import-service on the real broker, put into the roster. */
@AgainstRealServers
class ImportRowsIT {

  @LocalServerPort
  int port;

  @Autowired
  MongoTemplate mongo;

  String groupId;
  Api coordinator;
  String importId;

  @BeforeEach
  void aGroupAndAnImport() {
    groupId = RosterFixtures.newGroupId("import");
    coordinator = new RosterFixtures(port).newGroup(groupId);
    importId = "import-" + UUID.randomUUID();
  }

  @Test
  void theSameMemberCreatedDeliveredTwiceGivesOneMember() {
    String email = newEmail("jeanne");
    MemberCreated row = row(2, new Person("Jeanne", "Martin", email, "06 12 34 56 78"), ExistingMemberPolicy.SKIP);

    Kafka.publish(row);
    List<ImportRowOutcome> first = outcomes(1);
    Kafka.publish(row);
    List<ImportRowOutcome> both = outcomes(2);

    assertThat(first).singleElement().satisfies(outcome -> {
      assertThat(outcome.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(outcome.rowNumber()).isEqualTo(2);
    });
    assertThat(both).extracting(ImportRowOutcome::eventId, ImportRowOutcome::outcome, ImportRowOutcome::memberId)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(first.getFirst().eventId(), Outcome.CREATED,
            first.getFirst().memberId()));
    JsonNode roster = RosterFixtures.list(coordinator, groupId, "?q=" + email);
    assertThat(roster.get("total").asInt()).isEqualTo(1);
    assertThat(roster.at("/members/0/source").asString()).isEqualTo("IMPORT");
    assertThat(roster.at("/members/0/importId").asString()).isEqualTo(importId);
    assertThat(Kafka.await(Topics.MEMBERS_ROSTER, MemberAdded.class,
        e -> e.memberId().equals(first.getFirst().memberId()), 1))
        .extracting(MemberAdded::eventId).containsOnly(RowImport.derived(row, "added"));
  }

  /**
   * A batch whose write reached the store while its answer did not (the store killed in between) wrote the member
   * without recording the roster's change; the row delivered again must make the member show in the list.
   */
  @Test
  void aRowWrittenByATryThatNeverHeardBackShowsInTheListOnceDeliveredAgain() {
    String email = newEmail("lucie");
    MemberCreated row = row(3, new Person("Lucie", "Bernard", email, null), ExistingMemberPolicy.SKIP);
    RosterFixtures.list(coordinator, groupId, "");
    mongo.insert(Member.create(UUID.randomUUID().toString(), groupId, row.person(), null, null,
        Member.Source.importRow(importId, 3), Instant.now()));

    Kafka.publish(row);

    assertThat(outcomes(1)).singleElement().extracting(ImportRowOutcome::outcome).isEqualTo(Outcome.CREATED);
    assertThat(RosterFixtures.list(coordinator, groupId, "?q=" + email).get("total").asInt()).isEqualTo(1);
  }

  @Test
  void theSkipPolicyLeavesAMemberAsTheyAre() {
    String email = newEmail("jeanne");
    String jeanne = RosterFixtures.addMember(coordinator, groupId, person("Jeanne", "Martin", email));

    Kafka.publish(row(5, new Person("Jeanne", "Durand", email.toUpperCase(), null), ExistingMemberPolicy.SKIP));

    assertThat(outcomes(1)).singleElement().satisfies(outcome -> {
      assertThat(outcome.outcome()).isEqualTo(Outcome.ALREADY_MEMBER);
      assertThat(outcome.memberId()).isEqualTo(jeanne);
    });
    assertThat(coordinator.get("/api/groups/" + groupId + "/members/" + jeanne).json().at("/person/lastName")
        .asString()).isEqualTo("Martin");
  }

  @Test
  void theUpdatePolicyReplacesTheirDetailsAndAnnouncesIt() {
    String email = newEmail("jeanne");
    String jeanne = RosterFixtures.addMember(coordinator, groupId, person("Jeanne", "Martin", email));
    MemberCreated row = new MemberCreated(UUID.randomUUID(), Instant.now(), importId, 7, groupId,
        new Person("Jeanne", "Martin-Durand", email, "+33 6 11 22 33 44"), new Person("Paul", "Durand", null, null),
        new Address("3 rue des Lilas", null, "69001", "Lyon"), ExistingMemberPolicy.UPDATE);

    Kafka.publish(row);

    assertThat(outcomes(1)).singleElement().satisfies(outcome -> {
      assertThat(outcome.outcome()).isEqualTo(Outcome.UPDATED);
      assertThat(outcome.memberId()).isEqualTo(jeanne);
    });
    JsonNode member = coordinator.get("/api/groups/" + groupId + "/members/" + jeanne).json();
    assertThat(member.at("/person/lastName").asString()).isEqualTo("Martin-Durand");
    assertThat(member.at("/partner/firstName").asString()).isEqualTo("Paul");
    assertThat(member.at("/address/city").asString()).isEqualTo("Lyon");
    assertThat(member.get("source").asString()).isEqualTo("MANUAL");
    assertThat(Kafka.await(Topics.MEMBERS_ROSTER, MemberUpdated.class, e -> e.memberId().equals(jeanne), 1))
        .singleElement().satisfies(updated -> assertThat(updated.person().lastName()).isEqualTo("Martin-Durand"));
  }

  @Test
  void aReplayedRowAfterTheMemberWasRemovedChangesNothing() {
    MemberCreated row = row(3, new Person("Paul", "Bernard", newEmail("paul"), null), ExistingMemberPolicy.UPDATE);
    Kafka.publish(row);
    String paul = outcomes(1).getFirst().memberId();
    assertThat(coordinator.delete("/api/groups/" + groupId + "/members/" + paul).status()).isEqualTo(204);

    Kafka.publish(row);

    assertThat(outcomes(2)).extracting(ImportRowOutcome::outcome, ImportRowOutcome::memberId)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(Outcome.CREATED, paul));
    assertThat(coordinator.get("/api/groups/" + groupId + "/members/" + paul).status()).isEqualTo(404);
  }

  @Test
  void aRowThatBreaksTheRulesIsRejectedWithItsReason() {
    Kafka.publish(row(9, new Person("Jeanne", "", "jeanne-at-example.org", null), ExistingMemberPolicy.SKIP));

    assertThat(outcomes(1)).singleElement().satisfies(outcome -> {
      assertThat(outcome.outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(outcome.memberId()).isNull();
      assertThat(outcome.reason()).isEqualTo("« Courriel » n’est pas une adresse électronique valide.");
    });
    assertThat(RosterFixtures.list(coordinator, groupId, "").get("total").asInt()).isEqualTo(1);
  }

  @Test
  void anUnreadableRecordGoesToTheDeadLetterTopicWithoutBlockingThePartition() {
    String email = newEmail("lea");
    MemberCreated row = row(4, new Person("Léa", "Petit", email, null), ExistingMemberPolicy.SKIP);
    byte[] garbage = ("{\"type\":\"MemberCreated\",\"importId\":\"" + importId + "\",\"rowNumber\":")
        .getBytes(StandardCharsets.UTF_8);

    Kafka.publishRaw(Topics.MEMBERS_CREATED, row.key(), garbage);
    Kafka.publish(row);

    assertThat(outcomes(1)).singleElement().satisfies(o -> assertThat(o.outcome()).isEqualTo(Outcome.CREATED));
    assertThat(Kafka.awaitRecords(Topics.deadLetter(Topics.MEMBERS_CREATED),
        value -> java.util.Arrays.equals(value, garbage), 1, Duration.ofSeconds(60), Duration.ZERO)).hasSize(1);
  }

  private MemberCreated row(int rowNumber, Person person, ExistingMemberPolicy policy) {
    return new MemberCreated(UUID.randomUUID(), Instant.now(), importId, rowNumber, groupId, person, null, null,
        policy);
  }

  private List<ImportRowOutcome> outcomes(int expected) {
    return Kafka.await(Topics.IMPORTS_OUTCOMES, ImportRowOutcome.class, o -> o.importId().equals(importId),
        expected);
  }
}

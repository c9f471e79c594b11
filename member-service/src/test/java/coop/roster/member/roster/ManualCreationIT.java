package coop.roster.member.roster;

import coop.roster.events.MemberAdded;
import coop.roster.events.MemberRemoved;
import coop.roster.events.Topics;
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

import java.time.Duration;
import java.util.Map;

import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** "Gestion adhérents → Nouvel adhérent", against the real servers. */
@AgainstRealServers
class ManualCreationIT {

  @LocalServerPort
  int port;
  @Autowired
  MongoTemplate mongo;

  String groupId;
  Api coordinator;

  @BeforeEach
  void aGroup() {
    groupId = RosterFixtures.newGroupId("manual");
    coordinator = new RosterFixtures(port).newGroup(groupId);
  }

  @Test
  void addsAMemberAndAnnouncesIt() {
    String email = newEmail("jeanne");

    Api.Answer created = coordinator.post(members(), Map.of("firstName", " Jeanne ", "lastName", "Martin",
        "email", " " + email.toUpperCase() + " ", "phone", "+33 6 12 34 56 78",
        "partner", Map.of("firstName", "Paul", "lastName", "Martin"),
        "address", Map.of("line1", "3 rue des Lilas", "postcode", "69001", "city", "Lyon")));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode member = created.json();
    assertThat(member.at("/person/email").asString()).isEqualTo(email);
    assertThat(member.at("/person/firstName").asString()).isEqualTo("Jeanne");
    assertThat(member.at("/partner/firstName").asString()).isEqualTo("Paul");
    assertThat(member.get("source").asString()).isEqualTo("MANUAL");
    String id = member.get("id").asString();
    assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(id));
    assertThat(coordinator.get(members() + "/" + id).json().at("/address/city").asString()).isEqualTo("Lyon");
    assertThat(Kafka.await(Topics.MEMBERS_ROSTER, MemberAdded.class, e -> e.memberId().equals(id), 1))
        .singleElement().satisfies(added -> {
          assertThat(added.groupId()).isEqualTo(groupId);
          assertThat(added.person().email()).isEqualTo(email);
        });
  }

  @Test
  void refusesASecondMemberWithTheSameEmail() {
    String email = newEmail("jeanne");
    String jeanne = RosterFixtures.addMember(coordinator, groupId, person("Jeanne", "Martin", email));

    Api.Answer second = coordinator.post(members(), person("Jeanne", "Autre", email.toUpperCase()));

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.contentType()).startsWith("application/problem+json");
    assertThat(second.json().get("detail").asString())
        .isEqualTo("Ce courriel est déjà celui de Jeanne Martin, membre du groupe.");
    assertThat(second.json().get("existingMemberId").asString()).isEqualTo(jeanne);
    assertThat(coordinator.inLanguage("en").post(members(), person("Jeanne", "Autre", email))
        .json().get("detail").asString()).isEqualTo("This e-mail is already Jeanne Martin's, a member of the group.");
    assertThat(RosterFixtures.list(coordinator, groupId, "").get("total").asInt()).isEqualTo(2); // Jeanne and the coordinator
  }

  @Test
  void acceptsTheSameEmailInAnotherGroup() {
    String email = newEmail("jeanne");
    RosterFixtures.addMember(coordinator, groupId, person("Jeanne", "Martin", email));
    String otherGroup = RosterFixtures.newGroupId("manual-other");
    Api other = new RosterFixtures(port).newGroup(otherGroup);

    assertThat(other.post("/api/groups/" + otherGroup + "/members", person("Jeanne", "Martin", email)).status())
        .isEqualTo(201);
  }

  @Test
  void requiresEmailFirstAndLastNameAndListsEveryProblemByField() {
    Api.Answer refused = coordinator.post(members(), Map.of("firstName", "", "email", "jeanne@gmail"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    JsonNode errors = refused.json().get("errors");
    assertThat(errors.get("firstName").asString()).isEqualTo("« Prénom » est obligatoire.");
    assertThat(errors.get("lastName").asString()).isEqualTo("« Nom » est obligatoire.");
    assertThat(errors.get("email").asString()).isEqualTo("« Courriel » n’est pas une adresse électronique valide.");
    assertThat(coordinator.inLanguage("en").post(members(), Map.of("firstName", "Jeanne", "email", "x@y.org"))
        .json().at("/errors/lastName").asString()).isEqualTo("\"Last name\" is required.");
    assertThat(RosterFixtures.list(coordinator, groupId, "").get("total").asInt()).isEqualTo(1);
  }

  @Test
  void acceptsAnInternationalisedDomain() {
    Api.Answer created = coordinator.post(members(), person("Zoé", "Lefèvre", "zoe@café-des-lilas.fr"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/person/email").asString()).isEqualTo("zoe@café-des-lilas.fr");
  }

  @Test
  void updatesAndRemovesAMember() {
    String email = newEmail("jeanne");
    String id = RosterFixtures.addMember(coordinator, groupId, person("Jeanne", "Martin", email));

    Api.Answer updated = coordinator.put(members() + "/" + id, person("Jeanne", "Martin-Durand", email));
    assertThat(updated.json().at("/person/lastName").asString()).isEqualTo("Martin-Durand");

    assertThat(coordinator.delete(members() + "/" + id).status()).isEqualTo(204);
    assertThat(coordinator.get(members() + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void aRemovedMemberIsErasedAndTheirRemovalCarriesNoPersonalData() {
    String email = newEmail("jeanne");
    String id = RosterFixtures.addMember(coordinator, groupId, person("Jeanne", "Martin", email));

    assertThat(coordinator.delete(members() + "/" + id).status()).isEqualTo(204);

    assertThat(Kafka.await(Topics.MEMBERS_ROSTER, MemberRemoved.class, e -> e.memberId().equals(id), 1))
        .singleElement().satisfies(removed -> {
          assertThat(removed.groupId()).isEqualTo(groupId);
          assertThat(removed.email()).as("no personal data in the event").isNull();
        });
    // The outbox relayed the removal: the document itself is deleted.
    await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(id, org.bson.Document.class, "members") == null);
    assertThat(coordinator.delete(members() + "/" + id).status()).as("removing again finds no one").isEqualTo(404);
    JsonNode searched = coordinator.get(members() + "?selection=ALL&q=" + email).json();
    assertThat(searched.path("total").asLong()).as("nobody found by the erased e-mail").isZero();
    assertThat(searched.path("members").toString()).doesNotContain(email);
  }

  private String members() {
    return "/api/groups/" + groupId + "/members";
  }
}

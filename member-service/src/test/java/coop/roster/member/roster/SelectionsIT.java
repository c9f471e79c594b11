package coop.roster.member.roster;

import coop.roster.events.InvitationFailed;
import coop.roster.events.InvitationSent;
import coop.roster.events.MemberLoggedIn;
import coop.roster.events.PasswordSet;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static coop.roster.member.support.RosterFixtures.eventually;
import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/** "Sélections": what each shows, and that its count is what it lists. */
@AgainstRealServers
class SelectionsIT {

  @LocalServerPort
  int port;
  @Autowired
  Members members;

  @Test
  void aLoginMovesAMemberOutOfNeverLoggedInInEveryGroup() {
    RosterFixtures roster = new RosterFixtures(port);
    String lilas = RosterFixtures.newGroupId("login");
    String marche = RosterFixtures.newGroupId("login-other");
    Api lilasApi = roster.newGroup(lilas);
    Api marcheApi = roster.newGroup(marche);
    String email = newEmail("jeanne");
    String inLilas = RosterFixtures.addMember(lilasApi, lilas, person("Jeanne", "Martin", email));
    String inMarche = RosterFixtures.addMember(marcheApi, marche, person("Jeanne", "Martin", email));
    assertThat(ids(lilasApi, lilas, "NEVER_LOGGED_IN")).contains(inLilas);

    Instant loginAt = Instant.parse("2026-03-01T18:30:00Z");
    Kafka.publish(new MemberLoggedIn(UUID.randomUUID(), loginAt, "kc-" + UUID.randomUUID(), email.toUpperCase()),
        new MemberLoggedIn(UUID.randomUUID(), Instant.now(), "kc-x", newEmail("nobody")));

    eventually(() -> !ids(lilasApi, lilas, "NEVER_LOGGED_IN").contains(inLilas), "Jeanne left never-logged-in");
    assertThat(ids(lilasApi, lilas, "NEVER_LOGGED_IN")).isEmpty();
    assertThat(ids(lilasApi, lilas, "LOGGED_IN")).hasSize(2).contains(inLilas);
    eventually(() -> ids(marcheApi, marche, "LOGGED_IN").contains(inMarche), "Jeanne logged in, other group");
    assertThat(lilasApi.get("/api/groups/" + lilas + "/members/" + inLilas).json().at("/account/lastLoginAt")
        .asString()).isEqualTo("2026-03-01T18:30:00Z");

    // An older login, delivered late, changes nothing.
    Kafka.publish(new MemberLoggedIn(UUID.randomUUID(), loginAt.minusSeconds(3600), "kc", email));
    Kafka.publish(new PasswordSet(UUID.randomUUID(), loginAt, "kc", email));
    eventually(() -> !lilasApi.get("/api/groups/" + lilas + "/members/" + inLilas).json()
        .at("/account/passwordSetAt").isMissingNode(), "password recorded");
    assertThat(lilasApi.get("/api/groups/" + lilas + "/members/" + inLilas).json().at("/account/lastLoginAt")
        .asString()).isEqualTo("2026-03-01T18:30:00Z");
  }

  @Test
  void everySelectionsCountEqualsTheLengthOfItsList() {
    String groupId = RosterFixtures.newGroupId("selections");
    Api api = new RosterFixtures(port).newGroup(groupId);
    List<String> ids = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      String email = newEmail("member" + i);
      emails.add(email);
      ids.add(RosterFixtures.addMember(api, groupId, person("Prénom" + i, "Nom" + i, email)));
    }
    // 0-5 invited; 1 sent, 2 failed, 3 sent then password set, 4 sent then logged in; 6 logged in, never invited.
    // The coordinator (tenth member) has logged in too.
    JsonNode request = api.post("/api/groups/" + groupId + "/invitations",
        Map.of("memberIds", ids.subList(0, 6))).json();
    String requestId = request.get("requestId").asString();
    Instant now = Instant.now();
    Kafka.publish(
        new InvitationSent(UUID.randomUUID(), now, requestId, groupId, ids.get(1), emails.get(1), now.plusSeconds(9)),
        new InvitationFailed(UUID.randomUUID(), now, requestId, groupId, ids.get(2), emails.get(2),
            InvitationFailed.Failure.PERMANENT, "550 mailbox unavailable"),
        new InvitationSent(UUID.randomUUID(), now, requestId, groupId, ids.get(3), emails.get(3), now),
        new PasswordSet(UUID.randomUUID(), now, "kc", emails.get(3)),
        new InvitationSent(UUID.randomUUID(), now, requestId, groupId, ids.get(4), emails.get(4), now),
        new MemberLoggedIn(UUID.randomUUID(), now, "kc", emails.get(4)),
        new MemberLoggedIn(UUID.randomUUID(), now, "kc", emails.get(6)));
    eventually(() -> RosterFixtures.list(api, groupId, "").at("/counts/LOGGED_IN").asInt() == 3
        && RosterFixtures.list(api, groupId, "").at("/counts/INVITATION_FAILED").asInt() == 1
        && api.get("/api/groups/" + groupId + "/invitations/" + requestId).json().get("sent").asInt() == 3,
        "every status recorded");

    JsonNode counts = RosterFixtures.list(api, groupId, "").get("counts");
    for (Selection selection : Selection.values()) {
      List<String> listed = ids(api, groupId, selection.name());
      assertThat(listed).as(selection.name()).hasSize(counts.get(selection.name()).asInt()).doesNotHaveDuplicates();
      // The same selection as a database query (what a real MongoDB's indexes serve) lists the same members.
      assertThat(idsInDatabase(groupId, selection)).as(selection.name())
          .containsExactlyInAnyOrderElementsOf(listed);
    }
    assertThat(counts.get("ALL").asInt()).isEqualTo(10);
    assertThat(ids(api, groupId, "NEVER_LOGGED_IN")).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2),
        ids.get(3), ids.get(5), ids.get(7), ids.get(8));
    assertThat(ids(api, groupId, "INVITED_NOT_ACTIVATED")).containsExactlyInAnyOrder(ids.get(0), ids.get(1),
        ids.get(2), ids.get(5));
    assertThat(ids(api, groupId, "NEVER_INVITED")).containsExactlyInAnyOrder(ids.get(7), ids.get(8));
    assertThat(ids(api, groupId, "LOGGED_IN")).hasSize(3).contains(ids.get(4), ids.get(6));
    assertThat(ids(api, groupId, "ADDED_LAST_30_DAYS")).hasSize(10);
    assertThat(ids(api, groupId, "INVITATION_FAILED")).containsExactly(ids.get(2));
    assertThat(api.get("/api/groups/" + groupId + "/members/" + ids.get(2)).json().at("/invitation/failureReason")
        .asString()).isEqualTo("550 mailbox unavailable");
  }

  @Test
  void searchesNamesEmailsPartnersAndCitiesWithoutCaseOrAccents() {
    String groupId = RosterFixtures.newGroupId("search");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String elise = RosterFixtures.addMember(api, groupId, Map.of("firstName", "Élise", "lastName", "Dupré",
        "email", newEmail("elise"), "address", Map.of("city", "Saint-Étienne")));
    String marc = RosterFixtures.addMember(api, groupId, Map.of("firstName", "Marc", "lastName", "Lefèvre",
        "email", "marc.lefevre." + UUID.randomUUID().toString().substring(0, 6) + "@exemple.fr",
        "partner", Map.of("firstName", "Noémie", "lastName", "Œuvray")));

    assertThat(search(api, groupId, "DUPRE")).containsExactly(elise);
    assertThat(search(api, groupId, "elise dup")).containsExactly(elise);
    assertThat(search(api, groupId, "saint-etienne")).containsExactly(elise);
    assertThat(search(api, groupId, "noemie")).containsExactly(marc);
    assertThat(search(api, groupId, "oeuvray")).containsExactly(marc);
    assertThat(search(api, groupId, "marc.lefevre")).containsExactly(marc);
    assertThat(search(api, groupId, "exemple.fr")).containsExactly(marc);
    assertThat(search(api, groupId, "exemple")).containsExactly(marc);
    assertThat(search(api, groupId, "zzz")).isEmpty();
  }

  @Test
  void sortsAndPages() {
    String groupId = RosterFixtures.newGroupId("sort");
    Api api = new RosterFixtures(port).newGroup(groupId);
    RosterFixtures.addMember(api, groupId, person("Zoé", "Adam", newEmail("zoe")));
    RosterFixtures.addMember(api, groupId, person("Élise", "Dupré", newEmail("elise")));
    RosterFixtures.addMember(api, groupId, person("Anne", "Durand", newEmail("anne")));

    assertThat(names(RosterFixtures.list(api, groupId, "?size=2"))).containsExactly("Adam", "Coordinatrice");
    assertThat(names(RosterFixtures.list(api, groupId, "?size=2&page=1"))).containsExactly("Dupré", "Durand");
    assertThat(names(RosterFixtures.list(api, groupId, "?sort=firstName,desc&size=2"))).containsExactly("Adam", "Dupré");
    assertThat(api.get("/api/groups/" + groupId + "/members?sort=shoeSize").status()).isEqualTo(400);
  }

  private static List<String> names(JsonNode list) {
    return list.get("members").valueStream().map(m -> m.at("/person/lastName").asString()).toList();
  }

  private static List<String> search(Api api, String groupId, String q) {
    return RosterFixtures.list(api, groupId, "?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
        .get("members").valueStream().map(m -> m.get("id").asString())
        .filter(id -> true).toList().stream()
        .filter(id -> !api.get("/api/groups/" + groupId + "/members/" + id).json().at("/person/lastName")
            .asString().equals("Coordinatrice"))
        .toList();
  }

  /** Every id a selection lists, page after page. */
  static List<String> ids(Api api, String groupId, String selection) {
    List<String> ids = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode list = RosterFixtures.list(api, groupId, "?selection=" + selection + "&size=3&page=" + page);
      list.get("members").forEach(member -> ids.add(member.get("id").asString()));
      if (list.get("members").size() < 3) {
        assertThat(list.get("total").asInt()).isEqualTo(ids.size());
        return ids;
      }
    }
  }

  private List<String> idsInDatabase(String groupId, Selection selection) {
    Query query = Query.query(Members.inGroup(groupId)).addCriteria(selection.criteria(Instant.now()));
    query.fields().include("_id");
    return members.mongo().find(query, org.bson.Document.class, Members.COLLECTION).stream()
        .map(d -> d.getString("_id")).toList();
  }
}

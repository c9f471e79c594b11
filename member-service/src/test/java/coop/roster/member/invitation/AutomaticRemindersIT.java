package coop.roster.member.invitation;

import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.MemberLoggedIn;
import coop.roster.events.Topics;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static coop.roster.member.support.RosterFixtures.eventually;
import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group's automatic reminders on the real broker: the scheduled pass is run by the test (its interval left at an
 * hour) and member-service's clock moved forward instead of waiting days.
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "roster.outbox.poll-interval=PT1S", "roster.outbox.lease=PT5S"})
@Import(InvitationLimitsIT.MovableClockConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AutomaticRemindersIT {

  @LocalServerPort
  int port;

  @Autowired
  InvitationLimitsIT.MovableClock clock;

  @Autowired
  AutomaticReminders reminders;

  @Test
  void aGroupRemindsNoOneByDefaultAndRefusesSettingsOutOfRangeWithAClearMessage() {
    String groupId = RosterFixtures.newGroupId("off");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("olga");
    String olga = RosterFixtures.addMember(api, groupId, person("Olga", "Éteinte", email));
    invitedAndSent(api, groupId, olga, email);
    clock.forward(Duration.ofDays(30));

    JsonNode group = api.get("/api/groups/" + groupId).json();
    reminders.pass();
    Api.Answer tooEarly = api.put("/api/groups/" + groupId + "/settings", Map.of("language", "fr",
        "reminders", Map.of("enabled", true, "afterDays", 0, "atMost", 2)));
    Api.Answer tooMany = api.inLanguage("en").put("/api/groups/" + groupId + "/settings", Map.of("language", "fr",
        "reminders", Map.of("enabled", true, "afterDays", 7, "atMost", 6)));

    assertThat(group.at("/reminders/enabled").asBoolean()).isFalse();
    assertThat(group.at("/reminders/afterDays").asInt()).isEqualTo(7);
    assertThat(group.at("/reminders/atMost").asInt()).isEqualTo(2);
    assertThat(absent(member(api, groupId, olga).at("/invitation/automaticReminders"))).isTrue();
    assertThat(absent(member(api, groupId, olga).path("nextReminderAt"))).isTrue();
    assertThat(tooEarly.status()).isEqualTo(400);
    assertThat(tooEarly.json().at("/errors/reminders.afterDays").asString())
        .isEqualTo("« Relancer après » doit être entre 1 et 60 jours.");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().at("/errors/reminders.atMost").asString())
        .isEqualTo("\"At most\" must be between 1 and 5 reminders.");
    assertThat(api.get("/api/groups/" + groupId).json().at("/reminders/enabled").asBoolean()).isFalse();
  }

  @Test
  void aMemberInvitedLongEnoughAgoIsRemindedOncePerPassUpToTheLimitByRoster() {
    String groupId = RosterFixtures.newGroupId("remind");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("rita");
    String rita = RosterFixtures.addMember(api, groupId, person("Rita", "Relance", email));
    Instant sentAt = invitedAndSent(api, groupId, rita, email);
    remindAfter(api, groupId, 7, 2);

    assertThat(Instant.parse(member(api, groupId, rita).get("nextReminderAt").asString()))
        .isEqualTo(sentAt.plus(Duration.ofDays(7)));
    assertThat(remindedIn(groupId)).as("not due yet").isZero();
    clock.forward(Duration.ofDays(7).plusMinutes(1));

    assertThat(remindedIn(groupId)).isEqualTo(1);
    assertThat(remindedIn(groupId)).as("in flight: not again").isZero();
    Instant remindedAt = sent(api, groupId, rita, email);
    assertThat(remindedIn(groupId)).as("just reminded: not again").isZero();
    assertThat(Instant.parse(member(api, groupId, rita).get("nextReminderAt").asString()))
        .isEqualTo(remindedAt.plus(Duration.ofDays(7)));
    clock.forward(Duration.ofDays(7).plusMinutes(1));
    assertThat(remindedIn(groupId)).isEqualTo(1);
    sent(api, groupId, rita, email);
    clock.forward(Duration.ofDays(7).plusMinutes(1));
    assertThat(remindedIn(groupId)).as("reminded twice, the most").isZero();

    JsonNode after = member(api, groupId, rita);
    assertThat(after.at("/invitation/automaticReminders").asInt()).isEqualTo(2);
    assertThat(absent(after.path("nextReminderAt"))).isTrue();
    List<InvitationRequested> requested = Kafka.await(Topics.INVITATIONS_REQUESTED, InvitationRequested.class,
        e -> e.groupId().equals(groupId), 3);
    assertThat(requested).filteredOn(e -> e.reminderOf() != null)
        .extracting(InvitationRequested::inviterName, InvitationRequested::reminderOf)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Roster", sentAt),
            org.assertj.core.groups.Tuple.tuple("Roster", remindedAt));
    JsonNode history = api.get("/api/groups/" + groupId + "/invitations").json();
    assertThat(history.get("items")).hasSize(3).first()
        .satisfies(item -> assertThat(item.get("requestedByName").asString()).isEqualTo("Roster"));
  }

  @Test
  void aMemberWhoLoggedInIsNeverRemindedAndTwoPassesAtOnceRemindEachMemberOnce() {
    String groupId = RosterFixtures.newGroupId("twice");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String loggedEmail = newEmail("louis");
    String louis = RosterFixtures.addMember(api, groupId, person("Louis", "Connecté", loggedEmail));
    invitedAndSent(api, groupId, louis, loggedEmail);
    Kafka.publish(new MemberLoggedIn(UUID.randomUUID(), clock.instant(), UUID.randomUUID().toString(), loggedEmail));
    eventually(() -> !member(api, groupId, louis).path("account").path("lastLoginAt").isMissingNode()
        && !member(api, groupId, louis).path("account").path("lastLoginAt").isNull(), "Louis's login recorded");
    List<String> waiting = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String email = newEmail("w" + i);
      String id = RosterFixtures.addMember(api, groupId, person("W" + i, "Attente", email));
      invitedAndSent(api, groupId, id, email);
      waiting.add(id);
    }
    remindAfter(api, groupId, 1, 5);
    clock.forward(Duration.ofDays(1).plusMinutes(1));

    CompletableFuture<Integer> one = CompletableFuture.supplyAsync(reminders::pass);
    CompletableFuture<Integer> other = CompletableFuture.supplyAsync(reminders::pass);

    // Other groups' members may be reminded too by these passes: only this group's are counted.
    one.join();
    other.join();
    List<InvitationRequested> requested = Kafka.await(Topics.INVITATIONS_REQUESTED, InvitationRequested.class,
        e -> e.groupId().equals(groupId) && e.reminderOf() != null, 3);
    assertThat(requested).extracting(InvitationRequested::memberId).containsExactlyInAnyOrderElementsOf(waiting);
    for (String id : waiting) {
      assertThat(member(api, groupId, id).at("/invitation/automaticReminders").asInt()).isEqualTo(1);
    }
    assertThat(absent(member(api, groupId, louis).at("/invitation/automaticReminders"))).isTrue();
    assertThat(absent(member(api, groupId, louis).path("nextReminderAt"))).isTrue();
  }

  private void remindAfter(Api api, String groupId, int days, int times) {
    Api.Answer set = api.put("/api/groups/" + groupId + "/settings", Map.of("language", "fr",
        "reminders", Map.of("enabled", true, "afterDays", days, "atMost", times)));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().at("/reminders/enabled").asBoolean()).isTrue();
  }

  /** Runs one pass and answers how many of this group's members it reminded. */
  private int remindedIn(String groupId) {
    long before = requestsBy(groupId);
    reminders.pass();
    return (int) (requestsBy(groupId) - before);
  }

  private long requestsBy(String groupId) {
    Api api = new RosterFixtures(port).admin();
    JsonNode items = api.get("/api/groups/" + groupId + "/invitations?size=200").json().get("items");
    long count = 0;
    for (JsonNode item : items) {
      if ("Roster".equals(item.get("requestedByName").asString())) {
        count += item.get("count").asInt();
      }
    }
    return count;
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private static JsonNode member(Api api, String groupId, String memberId) {
    return api.get("/api/groups/" + groupId + "/members/" + memberId).json();
  }

  /** Requests an invitation of the member alone and reports it sent; answers when. */
  private Instant invitedAndSent(Api api, String groupId, String memberId, String email) {
    Api.Answer answer = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(memberId)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    return sent(api, groupId, memberId, email);
  }

  /** Reports the member's current request sent, as invitation-service would; answers when. */
  private Instant sent(Api api, String groupId, String memberId, String email) {
    String requestId = member(api, groupId, memberId).at("/invitation/lastRequestId").asString();
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Kafka.publish(new InvitationSent(UUID.randomUUID(), at, requestId, groupId, memberId, email, at));
    eventually(() -> "SENT".equals(member(api, groupId, memberId).at("/invitation/state").asString())
        && at.equals(Instant.parse(member(api, groupId, memberId).at("/invitation/lastSentAt").asString())),
        "the invitation reported sent");
    return at;
  }
}

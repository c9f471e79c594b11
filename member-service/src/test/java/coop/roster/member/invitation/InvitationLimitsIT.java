package coop.roster.member.invitation;

import coop.roster.events.InvitationFailed;
import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.Topics;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static coop.roster.member.support.RosterFixtures.eventually;
import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often a member and a group may be invited, and what "Envoyer des invitations" leaves out, on the real broker;
 * member-service's clock is moved forward instead of waiting ten minutes.
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "roster.outbox.poll-interval=PT1S", "roster.outbox.lease=PT5S",
    "roster.invitations.limits.member-per-day=2", "roster.invitations.limits.group-per-hour=6",
    "roster.invitations.limits.members-per-request=4"})
@Import(InvitationLimitsIT.MovableClockConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InvitationLimitsIT {

  @LocalServerPort
  int port;

  @Autowired
  MovableClock clock;

  @Test
  void aMemberInvitedLessThanTenMinutesAgoIsRefusedWithTheReasonAndInvitedOnceTheyHavePassed() {
    String groupId = RosterFixtures.newGroupId("interval");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("irene");
    String irene = RosterFixtures.addMember(api, groupId, person("Irène", "Intervalle", email));
    invitedAndSent(api, groupId, irene, email);

    Api.Answer refused = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(irene)));
    Api.Answer refusedInEnglish = api.inLanguage("en")
        .post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(irene)));

    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.json().get("detail").asString())
        .isEqualTo("Un adhérent reçoit au plus une invitation toutes les 10 minutes : réessayez dans 10 minutes.");
    assertThat(refusedInEnglish.json().get("detail").asString()).startsWith("A member receives at most one");
    clock.forward(Duration.ofMinutes(10).plusSeconds(1));
    Api.Answer again = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(irene)));
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.json().get("count").asInt()).isEqualTo(1);
  }

  @Test
  void aFailedInvitationIsSentAgainAtOnceWhenRetriedAndTheDailyLimitStillHolds() {
    String groupId = RosterFixtures.newGroupId("retry");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("rita");
    String rita = RosterFixtures.addMember(api, groupId, person("Rita", "Réessai", email));

    for (int attempt = 1; attempt <= 2; attempt++) {
      // "Réessayer" right after the failure: it reached nobody, so the 10-minute interval does not hold it back.
      Api.Answer asked = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(rita)));
      assertThat(asked.status()).as("attempt %d: %s", attempt, asked.body()).isEqualTo(202);
      String requestId = asked.json().get("requestId").asString();
      Instant at = clock.instant();
      Kafka.publish(new InvitationFailed(UUID.randomUUID(), at, requestId, groupId, rita, email,
          InvitationFailed.Failure.PERMANENT, "recipient-rejected: 550 no such user"));
      eventually(() -> api.get("/api/groups/" + groupId + "/invitations/" + requestId).json().get("failed")
          .asInt() == 1, "the invitation reported failed");
    }
    Api.Answer third = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(rita)));

    assertThat(third.status()).as(third.body()).isEqualTo(429);
    assertThat(third.json().get("detail").asString())
        .isEqualTo("Cet adhérent a déjà reçu 2 invitations en 24 heures, le maximum : réessayez demain.");
  }

  @Test
  void aMemberInvitedAsOftenAsTheDailyLimitIsRefusedUntilADayHasPassed() {
    String groupId = RosterFixtures.newGroupId("daily");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("denis");
    String denis = RosterFixtures.addMember(api, groupId, person("Denis", "Quotidien", email));
    invitedAndSent(api, groupId, denis, email);
    clock.forward(Duration.ofMinutes(11));
    invitedAndSent(api, groupId, denis, email);
    clock.forward(Duration.ofMinutes(11));

    Api.Answer refused = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(denis)));

    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.json().get("detail").asString())
        .isEqualTo("Cet adhérent a déjà reçu 2 invitations en 24 heures, le maximum : réessayez demain.");
    clock.forward(Duration.ofDays(1));
    assertThat(api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(denis))).status())
        .isEqualTo(202);
  }

  @Test
  void aBatchLeavesOutMembersWithinTheirLimitsAndItsProgressSaysHowManyAndWhy() {
    String groupId = RosterFixtures.newGroupId("batch");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String email = newEmail("basile");
    String basile = RosterFixtures.addMember(api, groupId, person("Basile", "Récent", email));
    String berthe = RosterFixtures.addMember(api, groupId, person("Berthe", "Nouvelle", newEmail("berthe")));
    invitedAndSent(api, groupId, basile, email);

    JsonNode batch = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds",
        List.of(basile, berthe))).json();

    assertThat(batch.get("count").asInt()).isEqualTo(1);
    assertThat(batch.at("/skipped/tooSoon").asInt()).isEqualTo(1);
    JsonNode progress = api.get("/api/groups/" + groupId + "/invitations/" + batch.get("requestId").asString())
        .json();
    assertThat(progress.get("requested").asInt()).isEqualTo(1);
    assertThat(progress.at("/skipped/tooSoon").asInt()).isEqualTo(1);
  }

  @Test
  void aGroupPastItsHourlyLimitIsRefusedAndARequestNamingTooManyMembersToo() {
    String groupId = RosterFixtures.newGroupId("hourly");
    Api api = new RosterFixtures(port).newGroup(groupId);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(RosterFixtures.addMember(api, groupId, person("P" + i, "Horaire", newEmail("h" + i))));
    }

    Api.Answer tooMany = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", ids.subList(0, 5)));
    JsonNode first = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", ids.subList(0, 4)))
        .json();
    JsonNode second = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", ids.subList(4, 8)))
        .json();
    Api.Answer third = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", ids.subList(7, 8)));

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("detail").asString())
        .isEqualTo("Une demande d’invitations compte au plus 4 adhérents ; celle-ci en compte 5.");
    assertThat(first.get("count").asInt()).isEqualTo(4);
    // Six an hour: two of the second request are left out.
    assertThat(second.get("count").asInt()).isEqualTo(2);
    assertThat(second.at("/skipped/groupLimit").asInt()).isEqualTo(2);
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.json().get("detail").asString())
        .isEqualTo("Le groupe a déjà demandé 6 invitations dans l’heure, le maximum : réessayez plus tard.");
  }

  @Test
  void aNoteOfMoreThanAThousandCharactersIsRefusedAndNothingIsRequested() {
    String groupId = RosterFixtures.newGroupId("note");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String nina = RosterFixtures.addMember(api, groupId, person("Nina", "Note", newEmail("nina")));

    Api.Answer refused = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(nina),
        "note", "a".repeat(1_001)));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asString())
        // Numbers grouped as French does, with a narrow no-break space.
        .isEqualTo("Le message personnel compte au plus 1\u202f000 caractères ; celui-ci en compte 1\u202f001.");
    assertThat(api.get("/api/groups/" + groupId + "/members/" + nina).json().path("invitation").isNull()
        || api.get("/api/groups/" + groupId + "/members/" + nina).json().path("invitation").isMissingNode())
        .isTrue();
  }

  @Test
  void invitingNeverLoggedInCountsTheNeverInvitedTheRecentlyInvitedAndTheFailedAndLeavesOutTheRecentlyInvited() {
    String groupId = RosterFixtures.newGroupId("week");
    Api api = new RosterFixtures(port).newGroup(groupId);
    String alma = RosterFixtures.addMember(api, groupId, person("Alma", "Jamais", newEmail("alma")));
    String bertEmail = newEmail("bert");
    String bert = RosterFixtures.addMember(api, groupId, person("Bert", "Invité", bertEmail));
    String carlaEmail = newEmail("carla");
    String carla = RosterFixtures.addMember(api, groupId, person("Carla", "Échec", carlaEmail));
    String first = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(bert, carla)))
        .json().get("requestId").asString();
    Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Kafka.publish(new InvitationSent(UUID.randomUUID(), sentAt, first, groupId, bert, bertEmail, sentAt),
        new InvitationFailed(UUID.randomUUID(), sentAt, first, groupId, carla, carlaEmail,
            InvitationFailed.Failure.PERMANENT, "recipient-rejected: 550 no such user"));
    eventually(() -> api.get("/api/groups/" + groupId + "/invitations/" + first).json().get("failed").asInt() == 1
        && api.get("/api/groups/" + groupId + "/invitations/" + first).json().get("sent").asInt() == 1,
        "bert sent, carla failed");
    clock.forward(Duration.ofMinutes(11));

    JsonNode outlook = api.get("/api/groups/" + groupId + "/invitations/outlook?selection=NEVER_LOGGED_IN").json();
    JsonNode pressed = api.post("/api/groups/" + groupId + "/invitations", Map.of("selection", "NEVER_LOGGED_IN",
        "note", "À samedi,\nÉlise")).json();
    JsonNode reminded = api.post("/api/groups/" + groupId + "/invitations", Map.of("selection",
        "INVITED_NOT_ACTIVATED", "includeRecentlyInvited", true, "reminder", true)).json();

    assertThat(outlook.get("total").asInt()).isEqualTo(3);
    assertThat(outlook.get("neverInvited").asInt()).isEqualTo(1);
    assertThat(outlook.get("invitedLately").asInt()).isEqualTo(1);
    assertThat(outlook.get("failed").asInt()).isEqualTo(1);
    assertThat(outlook.get("recentlyInvitedDays").asInt()).isEqualTo(7);
    // Alma and Carla; Bert, invited less than 7 days ago, left out.
    assertThat(pressed.get("count").asInt()).isEqualTo(2);
    assertThat(pressed.at("/skipped/recentlyInvited").asInt()).isEqualTo(1);
    // Bert reminded, the two others still in flight.
    assertThat(reminded.get("count").asInt()).isEqualTo(1);
    assertThat(reminded.at("/skipped/inFlight").asInt()).isEqualTo(2);
    List<InvitationRequested> events = Kafka.await(Topics.INVITATIONS_REQUESTED, InvitationRequested.class,
        e -> e.groupId().equals(groupId), 5);
    assertThat(events).filteredOn(e -> e.requestId().equals(pressed.get("requestId").asString()))
        .extracting(InvitationRequested::memberId, InvitationRequested::note, InvitationRequested::reminderOf)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(alma, "À samedi,\nÉlise", null),
            org.assertj.core.groups.Tuple.tuple(carla, "À samedi,\nÉlise", null));
    assertThat(events).filteredOn(e -> e.requestId().equals(reminded.get("requestId").asString()))
        .extracting(InvitationRequested::memberId, InvitationRequested::reminderOf)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(bert, sentAt));
  }

  /** Requests an invitation of the member alone and reports it sent, as invitation-service would. */
  private void invitedAndSent(Api api, String groupId, String memberId, String email) {
    Api.Answer answer = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(memberId)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    String requestId = answer.json().get("requestId").asString();
    Instant at = clock.instant();
    Kafka.publish(new InvitationSent(UUID.randomUUID(), at, requestId, groupId, memberId, email, at));
    eventually(() -> api.get("/api/groups/" + groupId + "/invitations/" + requestId).json().get("sent").asInt() == 1,
        "the invitation reported sent");
  }

  /** member-service's clock: the system's, moved forward by the tests. */
  @TestConfiguration(proxyBeanMethods = false)
  static class MovableClockConfiguration {

    @Bean
    @Primary
    MovableClock movableClock() {
      return new MovableClock();
    }
  }

  static final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void forward(Duration duration) {
      offset.accumulateAndGet(duration, Duration::plus);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }
  }
}

package coop.roster.member.messaging;

import coop.roster.events.InvitationRequested;
import coop.roster.events.MemberAdded;
import coop.roster.events.Topics;
import coop.roster.member.support.Api;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import coop.roster.stack.Endpoints;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import coop.roster.stack.Settings;
import coop.roster.stack.junit.RosterInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static coop.roster.member.support.RosterFixtures.newEmail;
import static coop.roster.member.support.RosterFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka dead while coordinators work: the service answers, and what it accepted reaches Kafka once the broker is
 * back. The broker is this class's own (the other classes share another, which stays up).
 */
@RosterInfrastructure({Part.MONGODB, Part.KEYCLOAK})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"roster.outbox.poll-interval=PT1S", "roster.outbox.lease=PT4S"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaOutageIT {

  private static final Infrastructure OWN = Infrastructure.processes(ownLogs(Settings.forTests()), name -> null);
  private static String brokers;

  /** Its own log too: the launcher knows a broker is up by what its log says. */
  private static Settings ownLogs(Settings shared) {
    return new Settings(null, shared.logsDir().resolve("kafka-outage"), shared.cacheDir(), false,
        shared.keycloakProviders(), shared.keycloakRealms(), shared.kafkaPartitions());
  }

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void ownBroker(DynamicPropertyRegistry registry) {
    brokers = OWN.start(Part.KAFKA).get(Endpoints.KAFKA_BOOTSTRAP_SERVERS);
    registry.add("spring.kafka.bootstrap-servers", () -> brokers);
    registry.add("spring.cloud.stream.kafka.binder.brokers", () -> brokers);
  }

  @AfterAll
  static void stopOwnBroker() {
    OWN.close();
  }

  @Test
  void aNewMemberAndAnInvitationAcceptedWhileKafkaIsDownReachKafkaOnceItIsBack() {
    RosterFixtures fixtures = new RosterFixtures(port);
    String groupId = RosterFixtures.newGroupId("outage");
    String coordinator = newEmail("coordinator");
    Api.Answer created = fixtures.admin().post("/api/groups", Map.of("id", groupId, "name", "Groupe " + groupId,
        "coordinator", Map.of("email", coordinator, "firstName", "Claire", "lastName", "Coordinatrice")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Api api = fixtures.coordinatorOf(coordinator, groupId);

    OWN.stop(Part.KAFKA);
    String member = RosterFixtures.addMember(api, groupId, person("Nina", "Panne", newEmail("nina")));
    Api.Answer invited = api.post("/api/groups/" + groupId + "/invitations", Map.of("memberIds", List.of(member)));
    assertThat(invited.status()).as(invited.body()).isEqualTo(202);
    String requestId = invited.json().get("requestId").asString();
    assertThat(invited.json().get("count").asInt()).isEqualTo(1);
    OWN.start(Part.KAFKA);

    assertThat(Kafka.awaitAt(brokers, Topics.MEMBERS_ROSTER, MemberAdded.class, e -> e.memberId().equals(member), 1,
        Duration.ofSeconds(180), Duration.ZERO)).isNotEmpty();
    assertThat(Kafka.awaitAt(brokers, Topics.INVITATIONS_REQUESTED, InvitationRequested.class,
        e -> e.requestId().equals(requestId), 1, Duration.ofSeconds(180), Duration.ZERO))
        .extracting(InvitationRequested::memberId).containsOnly(member);
  }
}

package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import coop.roster.events.MemberLoggedIn;
import coop.roster.identity.testing.IdentityEventsTopic;
import coop.roster.identity.testing.Realm;
import coop.roster.stack.Endpoints;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import coop.roster.stack.Settings;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.stack.keycloak.TestAccounts.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A login Keycloak accepted reaches Kafka even when Kafka is away and Keycloak restarts meanwhile: its
 * own Kafka, and a Keycloak that keeps its database (H2 file) across the restart, told where that Kafka is.
 */
class StoredLoginsIT {

  @Test
  void aLoginDuringAKafkaOutageArrivesAfterKeycloakRestartedAndKafkaCameBack(@TempDir Path keycloakData) {
    Settings forTests = Settings.forTests();
    try (Infrastructure kafkaAndMail = Infrastructure.processes(forTests)) {
      Map<String, String> servers = new HashMap<>(kafkaAndMail.start(Part.KAFKA));
      servers.putAll(kafkaAndMail.start(Part.SMTP));
      Settings persistent = new Settings(keycloakData, forTests.logsDir(), forTests.cacheDir(), false,
          forTests.keycloakProviders(), forTests.keycloakRealms(), 1);
      try (Infrastructure keycloak = Infrastructure.processes(persistent, servers::get)) {
        Realm realm = Realm.of(keycloak.start(Part.KEYCLOAK));
        String bootstrap = servers.get(Endpoints.KAFKA_BOOTSTRAP_SERVERS);
        String email = "restart-" + UUID.randomUUID() + "@example.org";
        realm.accounts().accessToken(Person.member(email));
        try (IdentityEventsTopic topic = new IdentityEventsTopic(bootstrap)) {
          assertThat(topic.awaitEventsOf(email, 1, Duration.ofSeconds(60))).hasSize(1);
        }

        kafkaAndMail.stop(Part.KAFKA);
        assertThat(realm.passwordLogin(email, TestAccounts.PASSWORD).status()).isEqualTo(200);
        // SIGTERM: Keycloak's H2 writes what it committed to its file as it stops.
        keycloak.stop(Part.KEYCLOAK);
        keycloak.start(Part.KEYCLOAK);
        kafkaAndMail.start(Part.KAFKA);

        try (IdentityEventsTopic topic = new IdentityEventsTopic(bootstrap)) {
          // A restarted Keycloak may send the first login again, under its id: consumers drop that one.
          await().atMost(Duration.ofMinutes(3)).until(() -> topic.eventsOf(email, Duration.ofSeconds(1)).stream()
              .map(IdentityEvent::eventId).distinct().count() >= 2);
          List<IdentityEvent> events = topic.eventsOf(email, Duration.ofSeconds(1));

          assertThat(events).allSatisfy(event -> assertThat(event).isInstanceOf(MemberLoggedIn.class));
          assertThat(events.stream().map(IdentityEvent::eventId).distinct()).hasSize(2);
        }
      }
    }
  }
}

package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import coop.roster.events.MemberLoggedIn;
import coop.roster.identity.testing.IdentityEventsTopic;
import coop.roster.identity.testing.Realm;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.stack.keycloak.TestAccounts.Person;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Logins in the realm reach Kafka as {@code MemberLoggedIn}, once each, even across a Kafka outage. */
@RosterInfrastructure({Part.KAFKA, Part.KEYCLOAK})
class LoginEventsIT {

  private final Realm realm = Realm.fromSystemProperties();

  @Test
  void oneLoginPublishesExactlyOneMemberLoggedIn() {
    String email = "Camille." + UUID.randomUUID() + "@Example.org";
    realm.accounts().accessToken(Person.member(email));
    String userId = realm.accounts().userId(email);

    try (IdentityEventsTopic topic = new IdentityEventsTopic()) {
      // The whole window, to see that no second event follows the first.
      List<IdentityEvent> events = topic.eventsOf(email, Duration.ofSeconds(15));

      assertThat(events).hasSize(1).first().isInstanceOfSatisfying(MemberLoggedIn.class, event -> {
        assertThat(event.userId()).isEqualTo(userId);
        assertThat(event.email()).isEqualTo(email.toLowerCase());
        assertThat(event.eventId()).isNotNull();
        assertThat(event.occurredAt()).isNotNull();
      });
    }
  }

  @Test
  void aFailedLoginPublishesNothing() {
    String email = "wrong-" + UUID.randomUUID() + "@example.org";
    realm.accounts().accessToken(Person.member(email));

    assertThat(realm.passwordLogin(email, "not the right password at all").body().get("error").asString())
        .isEqualTo("invalid_grant");

    try (IdentityEventsTopic topic = new IdentityEventsTopic()) {
      // Only the login that created the account.
      assertThat(topic.eventsOf(email, Duration.ofSeconds(10))).hasSize(1);
    }
  }

  @Test
  void loginsWorkWhileKafkaIsStoppedAndTheirEventsArriveOnceItIsBack(Infrastructure infrastructure) {
    String email = "outage-" + UUID.randomUUID() + "@example.org";
    realm.accounts().accessToken(Person.member(email));
    try (IdentityEventsTopic topic = new IdentityEventsTopic()) {
      assertThat(topic.awaitEventsOf(email, 1, Duration.ofSeconds(30))).hasSize(1);
    }

    infrastructure.stop(Part.KAFKA);
    List<Long> loginMillis = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        long begin = System.nanoTime();
        Realm.Answer login = realm.passwordLogin(email, TestAccounts.PASSWORD);
        loginMillis.add((System.nanoTime() - begin) / 1_000_000);

        assertThat(login.status()).isEqualTo(200);
      }
    } finally {
      infrastructure.start(Part.KAFKA);
    }
    System.out.printf("logins while Kafka was stopped took %s ms%n", loginMillis);

    try (IdentityEventsTopic topic = new IdentityEventsTopic()) {
      List<IdentityEvent> events = topic.awaitEventsOf(email, 4, Duration.ofSeconds(120));

      assertThat(events).hasSize(4).allSatisfy(event -> assertThat(event).isInstanceOf(MemberLoggedIn.class));
      assertThat(events).extracting(IdentityEvent::eventId).doesNotHaveDuplicates();
    }
  }
}

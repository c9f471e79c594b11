package coop.roster.identity.loginevents;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.timer.TimerProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The event listener {@value #ID}, enabled per realm ({@code eventsListeners}). Options (Keycloak's
 * {@code --spi-events-listener--roster-kafka--<option>}, or {@code KC_SPI_EVENTS_LISTENER__ROSTER_KAFKA__...}):
 * {@code bootstrap-servers}, {@code buffer-capacity}, {@code retry-for-seconds}, {@code relay-period-seconds},
 * {@code relay-settle-seconds}, and for a cluster's
 * TLS listener with SCRAM {@code security-protocol}, {@code sasl-mechanism}, {@code sasl-jaas-config},
 * {@code ssl-truststore-certificates} (PEM). Nothing connects to Kafka before the first event.
 *
 * <p>Two paths: the listener hands each event to a publisher right after the login commits (the fast
 * path), and a relay sends, every {@code relay-period-seconds}, what the realm's event store holds and the
 * fast path did not deliver (the durable path, for a Keycloak restarted while Kafka was away).
 */
public final class KafkaEventListenerFactory implements EventListenerProviderFactory {

  static final String ID = "roster-kafka";
  static final String DEFAULT_BOOTSTRAP_SERVERS = KafkaConnection.DEFAULT_BOOTSTRAP_SERVERS;
  static final int DEFAULT_BUFFER_CAPACITY = 10_000;
  static final long DEFAULT_RETRY_FOR_SECONDS = 3_600;
  static final long DEFAULT_RELAY_PERIOD_SECONDS = 30;
  static final long DEFAULT_RELAY_SETTLE_SECONDS = 10;

  private IdentityEventPublisher publisher;
  private StoredEventsRelay relay;
  private Duration relayPeriod;

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public void init(Config.Scope config) {
    KafkaConnection connection = KafkaConnection.from(config::get);
    PendingEvents pending = new PendingEvents(config.getInt("buffer-capacity", DEFAULT_BUFFER_CAPACITY),
        Duration.ofSeconds(config.getLong("retry-for-seconds", DEFAULT_RETRY_FOR_SECONDS)), Clock.systemUTC());
    HandledEvents handled = new HandledEvents();
    publisher = new IdentityEventPublisher(pending, handled, () -> new KafkaEventSender(connection));
    relay = new StoredEventsRelay(handled, () -> new KafkaEventSender(connection),
        Duration.ofSeconds(config.getLong("relay-settle-seconds", DEFAULT_RELAY_SETTLE_SECONDS)));
    relayPeriod = Duration.ofSeconds(config.getLong("relay-period-seconds", DEFAULT_RELAY_PERIOD_SECONDS));
  }

  @Override
  public EventListenerProvider create(KeycloakSession session) {
    return new KafkaEventListener(session, publisher);
  }

  @Override
  public void postInit(KeycloakSessionFactory factory) {
    // Once the database is migrated and the realms imported, as Keycloak's own scheduled tasks.
    factory.register(event -> {
      if (event instanceof PostMigrationEvent) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
            .scheduleTask(relay, relayPeriod.toMillis(), StoredEventsRelay.TASK_NAME));
      }
    });
  }

  @Override
  public List<ProviderConfigProperty> getConfigMetadata() {
    return ProviderConfigurationBuilder.create()
        .property().name("bootstrap-servers").type(ProviderConfigProperty.STRING_TYPE)
        .helpText("Kafka brokers to publish identity events to").defaultValue(DEFAULT_BOOTSTRAP_SERVERS).add()
        .property().name("security-protocol").type(ProviderConfigProperty.STRING_TYPE)
        .helpText("PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL").add()
        .property().name("sasl-mechanism").type(ProviderConfigProperty.STRING_TYPE)
        .helpText("SASL mechanism, e.g. SCRAM-SHA-512").add()
        .property().name("sasl-jaas-config").type(ProviderConfigProperty.PASSWORD)
        .helpText("JAAS line of the Kafka user (Strimzi's KafkaUser Secret, key sasl.jaas.config)").secret(true).add()
        .property().name("ssl-truststore-certificates").type(ProviderConfigProperty.STRING_TYPE)
        .helpText("CA certificates (PEM) the brokers' TLS certificates are checked against").add()
        .property().name("buffer-capacity").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("Events kept while Kafka is unavailable; more are dropped").defaultValue(DEFAULT_BUFFER_CAPACITY).add()
        .property().name("retry-for-seconds").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("How long the fast path retries an event before leaving it to the relay").defaultValue(DEFAULT_RETRY_FOR_SECONDS).add()
        .property().name("relay-period-seconds").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("How often stored logins the fast path did not deliver are sent").defaultValue(DEFAULT_RELAY_PERIOD_SECONDS).add()
        .property().name("relay-settle-seconds").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("How old a stored event must be before the relay reads it (its login surely committed)")
        .defaultValue(DEFAULT_RELAY_SETTLE_SECONDS).add()
        .build();
  }

  @Override
  public void close() {
    if (publisher != null) {
      publisher.close();
    }
    if (relay != null) {
      relay.close();
    }
  }
}

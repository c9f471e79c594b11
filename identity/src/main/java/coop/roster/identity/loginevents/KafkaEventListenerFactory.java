package coop.roster.identity.loginevents;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The event listener {@value #ID}, enabled per realm ({@code eventsListeners}). Options (Keycloak's
 * {@code --spi-events-listener--roster-kafka--<option>}, or {@code KC_SPI_EVENTS_LISTENER__ROSTER_KAFKA__...}):
 * {@code bootstrap-servers}, {@code buffer-capacity}, {@code retry-for-seconds}, and for a cluster's
 * TLS listener with SCRAM {@code security-protocol}, {@code sasl-mechanism}, {@code sasl-jaas-config},
 * {@code ssl-truststore-certificates} (PEM). Nothing connects to Kafka before the first event.
 */
public final class KafkaEventListenerFactory implements EventListenerProviderFactory {

  static final String ID = "roster-kafka";
  static final String DEFAULT_BOOTSTRAP_SERVERS = KafkaConnection.DEFAULT_BOOTSTRAP_SERVERS;
  static final int DEFAULT_BUFFER_CAPACITY = 10_000;
  static final long DEFAULT_RETRY_FOR_SECONDS = 3_600;

  private IdentityEventPublisher publisher;

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public void init(Config.Scope config) {
    KafkaConnection connection = KafkaConnection.from(config::get);
    PendingEvents pending = new PendingEvents(config.getInt("buffer-capacity", DEFAULT_BUFFER_CAPACITY),
        Duration.ofSeconds(config.getLong("retry-for-seconds", DEFAULT_RETRY_FOR_SECONDS)), Clock.systemUTC());
    publisher = new IdentityEventPublisher(pending, () -> new KafkaEventSender(connection));
  }

  @Override
  public EventListenerProvider create(KeycloakSession session) {
    return new KafkaEventListener(session, publisher);
  }

  @Override
  public void postInit(KeycloakSessionFactory factory) {
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
        .helpText("How long an event is retried before it is dropped").defaultValue(DEFAULT_RETRY_FOR_SECONDS).add()
        .build();
  }

  @Override
  public void close() {
    if (publisher != null) {
      publisher.close();
    }
  }
}

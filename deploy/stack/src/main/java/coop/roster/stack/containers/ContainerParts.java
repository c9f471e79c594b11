package coop.roster.stack.containers;

import coop.roster.stack.Endpoints;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import coop.roster.stack.Settings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Starts each part from its official image (real MongoDB, Kafka, Keycloak, GreenMail), so the same
 * integration tests also run against a real MongoDB. Selected with {@code -Droster.infra=containers}.
 */
public final class ContainerParts implements Infrastructure.Starter {

  private static final String ADMIN = "admin";
  /** How Keycloak's container reaches Kafka and GreenMail: by name, on a network of their own. */
  private static final String KAFKA_ON_NETWORK = "kafka:19092";
  private static final String SMTP_ON_NETWORK = "smtp";

  private final Settings settings;
  private final Network network = Network.newNetwork();

  public ContainerParts(Settings settings) {
    this.settings = settings;
  }

  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  @Override
  public Infrastructure.Started start(Part part, Map<String, String> needed) {
    return switch (part) {
      case KAFKA -> {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2")
            .withNetwork(network).withListener(KAFKA_ON_NETWORK);
        kafka.start();
        yield new Infrastructure.Started(Map.of(Endpoints.KAFKA_BOOTSTRAP_SERVERS, kafka.getBootstrapServers()),
            kafka::stop);
      }
      case MONGODB -> {
        MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
        mongo.start();
        yield new Infrastructure.Started(Map.of(Endpoints.MONGODB_URI, mongo.getConnectionString()), mongo::stop);
      }
      case SMTP -> {
        GenericContainer<?> greenMail = new GenericContainer<>("greenmail/standalone:2.1.13")
            .withEnv("GREENMAIL_OPTS", "-Dgreenmail.setup.test.smtp -Dgreenmail.hostname=0.0.0.0 "
                + "-Dgreenmail.auth.disabled -Dgreenmail.api.port=8080")
            .withExposedPorts(3025, 8080)
            .withNetwork(network).withNetworkAliases(SMTP_ON_NETWORK)
            .waitingFor(Wait.forHttp("/api/service/readiness").forPort(8080));
        greenMail.start();
        yield new Infrastructure.Started(Map.of(
            Endpoints.SMTP_HOST, greenMail.getHost(),
            Endpoints.SMTP_PORT, Integer.toString(greenMail.getMappedPort(3025)),
            Endpoints.SMTP_API_URL, "http://" + greenMail.getHost() + ":" + greenMail.getMappedPort(8080)),
            greenMail::stop);
      }
      case KEYCLOAK -> {
        GenericContainer<?> keycloak = new GenericContainer<>("quay.io/keycloak/keycloak:26.7.3")
            .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN)
            .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN)
            .withEnv(Endpoints.SMTP_HOST, SMTP_ON_NETWORK)
            .withEnv(Endpoints.SMTP_PORT, "3025")
            .withNetwork(network)
            .withCommand("start-dev", "--import-realm",
                "--spi-events-listener--roster-kafka--bootstrap-servers=" + KAFKA_ON_NETWORK)
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/realms/master").forPort(8080).withStartupTimeout(Duration.ofMinutes(4)));
        for (Path provider : settings.keycloakProviders()) {
          keycloak.withCopyFileToContainer(MountableFile.forHostPath(provider),
              "/opt/keycloak/providers/" + provider.getFileName());
        }
        for (Path realm : settings.keycloakRealms()) {
          keycloak.withCopyFileToContainer(MountableFile.forHostPath(realm),
              "/opt/keycloak/data/import/" + realm.getFileName());
        }
        // The realm's passwordBlacklist(...) policy reads the lists the provider jars carry from data/.
        for (Path provider : settings.keycloakProviders()) {
          try (ZipFile jar = new ZipFile(provider.toFile())) {
            for (ZipEntry list : jar.stream().filter(e -> !e.isDirectory()
                && e.getName().startsWith("password-blacklists/")).toList()) {
              try (InputStream content = jar.getInputStream(list)) {
                keycloak.withCopyToContainer(Transferable.of(content.readAllBytes()),
                    "/opt/keycloak/data/" + list.getName());
              }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        keycloak.start();
        yield new Infrastructure.Started(Map.of(
            Endpoints.KEYCLOAK_URL, "http://" + keycloak.getHost() + ":" + keycloak.getMappedPort(8080),
            Endpoints.KEYCLOAK_ADMIN_USERNAME, ADMIN,
            Endpoints.KEYCLOAK_ADMIN_PASSWORD, ADMIN), keycloak::stop);
      }
    };
  }
}

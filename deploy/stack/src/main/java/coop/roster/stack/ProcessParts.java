package coop.roster.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Starts each part as a process on 127.0.0.1, on the documented ports or on free ones. */
final class ProcessParts implements Infrastructure.Starter {

  /**
   * Set to {@code true} for a test system whose stores must survive a kill (the fault matrix): MongoDB on the H2
   * backend and Keycloak on an H2 file, both in the throwaway data folder, instead of memory.
   */
  static final String DURABLE_STORES = "roster.stores.durable";

  private final Settings settings;
  private final Path data;
  private final boolean durableStores;
  /** Ports handed out so far, so that a part started again comes back where its clients expect it. */
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();

  ProcessParts(Settings settings, Path tempData) {
    this.settings = settings;
    this.data = settings.dataDir() != null ? settings.dataDir() : tempData;
    this.durableStores = settings.dataDir() != null || Boolean.getBoolean(DURABLE_STORES);
  }

  @Override
  public Infrastructure.Started start(Part part, Map<String, String> needed) {
    return switch (part) {
      case KAFKA -> {
        int port = port(Settings.KAFKA_PORT, part, "broker");
        int controller = port(Settings.KAFKA_CONTROLLER_PORT, part, "controller");
        ChildProcess broker = KafkaBroker.start(data.resolve("kafka"), port, controller, settings.logsDir(),
            settings.kafkaPartitions());
        yield new Infrastructure.Started(Map.of(Endpoints.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:" + port), broker);
      }
      case MONGODB -> {
        int port = port(Settings.MONGODB_PORT, part, "server");
        Path h2 = durableStores ? data.resolve("mongodb").resolve("roster.mv") : null;
        ChildProcess server = MongoProtocolServer.start(port, h2, settings.logsDir(),
            System.getProperty("roster.mongodb.heap", "1g"));
        yield new Infrastructure.Started(Map.of(Endpoints.MONGODB_URI, "mongodb://127.0.0.1:" + port), server);
      }
      case SMTP -> {
        int port = port(Settings.SMTP_PORT, part, "smtp");
        int api = port(Settings.SMTP_API_PORT, part, "api");
        ChildProcess server = SmtpServer.start(port, api, settings.logsDir());
        yield new Infrastructure.Started(Map.of(
            Endpoints.SMTP_HOST, "127.0.0.1",
            Endpoints.SMTP_PORT, Integer.toString(port),
            Endpoints.SMTP_API_URL, "http://127.0.0.1:" + api), server);
      }
      case KEYCLOAK -> {
        int port = port(Settings.KEYCLOAK_PORT, part, "http");
        Path h2 = durableStores ? data.resolve("keycloak").resolve("keycloakdb") : null;
        KeycloakServer.Running keycloak = KeycloakServer.start(settings.cacheDir(), port,
            settings.keycloakProviders(), settings.keycloakRealms(), h2, settings.logsDir(), needed);
        yield new Infrastructure.Started(Map.of(
            Endpoints.KEYCLOAK_URL, keycloak.url(),
            Endpoints.KEYCLOAK_ADMIN_USERNAME, KeycloakServer.ADMIN_USERNAME,
            Endpoints.KEYCLOAK_ADMIN_PASSWORD, KeycloakServer.ADMIN_PASSWORD), keycloak);
      }
    };
  }

  private int port(int fixed, Part part, String purpose) {
    int port = ports.computeIfAbsent(part + "." + purpose, key -> settings.fixedPorts() ? fixed : FreePorts.next());
    if (!settings.fixedPorts()) {
      return port;
    }
    if (FreePorts.isListening(fixed)) {
      throw new LaunchException("port " + fixed + " on 127.0.0.1 is taken, so " + part + " cannot start there. "
          + "Stop what listens on it, or point Roster at it with " + String.join(" and ", part.externalVariables())
          + ".");
    }
    return fixed;
  }
}

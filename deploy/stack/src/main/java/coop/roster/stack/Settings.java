package coop.roster.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the launcher keeps things and how it picks ports.
 *
 * @param dataDir            persistent data (local stack), or {@code null} for throwaway data (tests)
 * @param logsDir            one log file per process
 * @param cacheDir           the prepared Keycloak, shared by the local stack and every test run
 * @param fixedPorts         the documented ports (local stack) rather than free ones (tests)
 * @param keycloakProviders  provider jars to install in Keycloak
 * @param keycloakRealms     {@code <realm>-realm.json} files to import into Keycloak
 * @param kafkaPartitions    partitions of topics Kafka creates on first use
 */
public record Settings(Path dataDir, Path logsDir, Path cacheDir, boolean fixedPorts,
    List<Path> keycloakProviders, List<Path> keycloakRealms, int kafkaPartitions) {

  public static final int KAFKA_PORT = 9092;
  public static final int KAFKA_CONTROLLER_PORT = 9093;
  public static final int MONGODB_PORT = 27017;
  public static final int SMTP_PORT = 3025;
  public static final int SMTP_API_PORT = 8025;
  public static final int KEYCLOAK_PORT = 8180;

  /** The default cache folder: {@code roster.cache.dir}, else {@code ~/.cache/roster}. */
  public static Path defaultCacheDir() {
    String configured = System.getProperty("roster.cache.dir");
    return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "roster");
  }

  /** Settings for a test JVM, from system properties the build sets (see the root pom.xml). */
  public static Settings forTests() {
    return new Settings(null,
        Path.of(System.getProperty("roster.logs.dir", "target/infra-logs")),
        defaultCacheDir(), false,
        paths(System.getProperty("roster.keycloak.providers")),
        paths(System.getProperty("roster.keycloak.realms")),
        4);
  }

  public Settings withKeycloak(List<Path> providers, List<Path> realms) {
    return new Settings(dataDir, logsDir, cacheDir, fixedPorts, providers, realms, kafkaPartitions);
  }

  /**
   * A path list; a folder stands for the jars in it, a missing path for nothing (with a warning: a
   * Keycloak without Roster's provider still starts, but sends no login events and mints no links).
   */
  static List<Path> paths(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
        .flatMap(Settings::expand).toList();
  }

  private static Stream<Path> expand(Path path) {
    if (!Files.isDirectory(path)) {
      if (Files.exists(path)) {
        return Stream.of(path);
      }
      System.getLogger(Settings.class.getName()).log(System.Logger.Level.WARNING,
          "{0} does not exist (is identity built? ./mvnw -pl identity package): starting without it", path);
      return Stream.empty();
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

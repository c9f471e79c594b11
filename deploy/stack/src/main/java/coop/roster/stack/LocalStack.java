package coop.roster.stack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole system on a laptop: the infrastructure on its documented ports, then every service,
 * until Ctrl-C (or SIGTERM) stops all of it. Run by {@code ./roster start}; {@code ./roster reset}
 * deletes the local data.
 *
 * <p>Data lives in {@code .roster/data} (kept across restarts), logs in {@code .roster/logs}.
 */
public final class LocalStack {

  /** The production realm, as code. */
  static final String REALM = "identity/src/main/keycloak/roster-realm.json";
  /** People only the local stack has (the demo coordinator), imported with the realm. */
  static final String LOCAL_USERS = "identity/src/local/keycloak/roster-users-0.json";

  private final Path root;
  private final Path home;
  private volatile Infrastructure infrastructure;
  private volatile Services services;

  LocalStack(Path root) {
    this.root = root;
    this.home = root.resolve(".roster");
  }

  public static void main(String[] args) throws Exception {
    LocalStack stack = new LocalStack(Path.of("").toAbsolutePath());
    String command = args.length == 0 ? "start" : args[0];
    switch (command) {
      case "start" -> stack.run();
      case "reset" -> stack.reset();
      default -> {
        System.err.println("usage: LocalStack [start|reset]");
        System.exit(2);
      }
    }
  }

  private void run() throws Exception {
    Files.createDirectories(home);
    try (FileChannel channel = FileChannel.open(home.resolve("stack.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
      if (lock == null) {
        System.err.println("Roster is already running from " + root + " (see .roster/stack.lock).");
        System.exit(1);
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.out.println(System.lineSeparator() + "Stopping Roster...");
        stop();
        System.out.println("Stopped.");
        stopped.countDown();
      }, "roster-stop"));
      long begin = System.nanoTime();
      try {
        start();
      } catch (RuntimeException e) {
        System.err.println(System.lineSeparator() + "Roster did not start: " + e.getMessage());
        System.exit(1);
      }
      printWelcome(Duration.ofNanos(System.nanoTime() - begin));
      stopped.await();
    }
  }

  /**
   * A copy of each service's jar under {@code .roster/run}, laid out as the repository's modules: the services
   * run from it, so a build while the stack runs ({@code ./mvnw package}, a benchmark's {@code -am}) rewrites
   * the modules' jars without pulling classes from under running services.
   */
  private Path runningCopies() {
    Path run = home.resolve("run");
    for (String service : Stream.concat(Services.BACKENDS.stream(), Stream.of(Services.GATEWAY)).toList()) {
      Path jar = Path.of(service, "target", service + ".jar");
      try {
        Files.createDirectories(run.resolve(jar).getParent());
        Files.copy(root.resolve(jar), run.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not copy " + root.resolve(jar) + " to " + run, e);
      }
    }
    return run;
  }

  private void start() {
    Path logs = home.resolve("logs");
    Settings settings = new Settings(home.resolve("data"), logs, Settings.defaultCacheDir(), true,
        providers(), List.of(root.resolve(REALM), root.resolve(LOCAL_USERS)), 4);
    infrastructure = Infrastructure.processes(settings);
    System.out.println("Starting Kafka, MongoDB (mongo-java-server), GreenMail and Keycloak... logs in " + logs);
    Services.inParallel(Stream.of(Part.values()).map(part -> (Supplier<Map<String, String>>) () ->
        infrastructure.start(part)).toList());
    Map<String, String> environment = new LinkedHashMap<>(infrastructure.environment());
    environment.put("SPRING_PROFILES_ACTIVE", "local");
    System.out.println("Starting the services...");
    services = new Services(runningCopies(), environment, logs, true);
    services.startAll(Map.of());
  }

  /** The Keycloak extension and what it needs, once the identity module has built them. */
  private List<Path> providers() {
    return Settings.paths(root.resolve("identity/target/keycloak-providers").toString());
  }

  private void stop() {
    // Services first, so their Kafka consumers leave while the broker is still up.
    if (services != null) {
      services.close();
    }
    if (infrastructure != null) {
      infrastructure.close();
    }
  }

  private void printWelcome(Duration took) {
    Map<String, String> env = infrastructure.environment();
    System.out.printf("""

        Roster is running (started in %d s).

          Web UI (gateway)   http://127.0.0.1:8080
          Services           member-service :8081, import-service :8082, invitation-service :8083
          Mails sent         %s/api/user/<e-mail>/messages  (GreenMail, SMTP on %s:%s)
          Keycloak           %s/admin  (admin / admin, local development only)
          Demo coordinator   %s  (log in at the web UI; local development only)
          Kafka              %s
          MongoDB            %s
          Logs               %s
          Data               %s  (./roster reset deletes it)

        Press Ctrl-C to stop everything.
        """, took.toSeconds(), env.get(Endpoints.SMTP_API_URL), env.get(Endpoints.SMTP_HOST),
        env.get(Endpoints.SMTP_PORT), env.get(Endpoints.KEYCLOAK_URL), demoAccounts(),
        env.get(Endpoints.KAFKA_BOOTSTRAP_SERVERS),
        env.get(Endpoints.MONGODB_URI), home.resolve("logs"), home.resolve("data"));
  }

  /** "e-mail / password" of each person the local users file creates, read from that file. */
  private String demoAccounts() {
    JsonNode users = JsonMapper.builder().build().readTree(root.resolve(LOCAL_USERS).toFile()).path("users");
    return users.valueStream()
        .map(user -> user.path("email").asString() + " / " + user.path("credentials").path(0).path("value").asString())
        .collect(Collectors.joining(", "));
  }

  private void reset() throws IOException {
    Files.createDirectories(home);
    try (FileChannel channel = FileChannel.open(home.resolve("stack.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
      if (lock == null) {
        System.err.println("Roster is running: stop it (Ctrl-C) before resetting its data.");
        System.exit(1);
      }
      KeycloakServer.deleteRecursively(home.resolve("data"));
      KeycloakServer.deleteRecursively(home.resolve("logs"));
      KeycloakServer.deleteRecursively(home.resolve("run"));
      System.out.println("Deleted the local data and logs in " + home + ".");
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}

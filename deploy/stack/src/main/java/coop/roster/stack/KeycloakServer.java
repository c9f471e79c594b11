package coop.roster.stack;

import coop.roster.stack.servers.ServerClasspaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak from {@code keycloak-quarkus-dist}, run with {@code start-dev} on 127.0.0.1.
 *
 * <p>The distribution is unpacked once into the cache folder, Roster's provider jars are installed
 * in it and Keycloak's build step runs there, again only for a new set of providers. Each start
 * then runs from a hard-linked copy of that prepared folder, with its own {@code data/}, so that
 * several Keycloaks (the local stack, a test run) can start from it at once, each in about 15 s.
 */
final class KeycloakServer {

  static final String ADMIN_USERNAME = "admin";
  /** Local-development only: the bootstrap administrator of a Keycloak the launcher started. */
  static final String ADMIN_PASSWORD = "admin";

  private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
  private static final String PREPARED = ".roster-prepared";
  private static final int KEPT_PREPARED = 3;
  private static final Pattern IMPORT_FILE = Pattern.compile("(.+?)-(?:realm|users-\\d+)\\.json");
  /**
   * Where Keycloak's {@code passwordBlacklist(<file>)} policy reads its lists, under {@code data/}; the
   * provider jars carry Roster's lists in a folder of the same name.
   */
  static final String PASSWORD_BLACKLISTS = "password-blacklists";
  /** Roster's event listener, which publishes logins to Kafka (identity module). */
  static final String EVENT_LISTENER = "roster-kafka";

  private KeycloakServer() {
  }

  /** A started Keycloak, and the folder it runs from (deleted when stopped). */
  record Running(ChildProcess process, Path runDir, String url) implements AutoCloseable {
    @Override
    public void close() {
      process.close();
      deleteRecursively(runDir);
    }

    /** SIGKILL, as a crashed machine would leave it; the database (an H2 file outside the run folder) stays. */
    void kill() {
      process.kill();
      deleteRecursively(runDir);
    }
  }

  /**
   * @param providers   provider jars (Roster's extension and what it needs) to install
   * @param realmFiles  realm exports ({@code <realm>-realm.json}, and {@code <realm>-users-<n>.json}
   *                    with users of it) to import when the realm does not exist yet
   * @param h2File      where to keep Keycloak's database (local stack), or {@code null} for memory (tests)
   * @param needed      where Kafka and SMTP are ({@link Part#needs()}): for Roster's event listener,
   *                    and for the realm file's {@code ${SMTP_HOST}} and {@code ${SMTP_PORT}}
   */
  static Running start(Path cacheDir, int port, List<Path> providers, List<Path> realmFiles, Path h2File,
      Path logsDir, Map<String, String> needed) {
    Path prepared = prepare(cacheDir, providers, logsDir);
    Path runs = cacheDir.resolve("keycloak").resolve("runs");
    Path runDir = runs.resolve(UUID.randomUUID().toString());
    try {
      deleteAbandonedRuns(runs);
      copyTree(prepared, runDir);
      Files.createDirectories(runDir.resolve("data/import"));
      installPasswordBlacklists(providers, runDir.resolve("data").resolve(PASSWORD_BLACKLISTS));
      boolean passwordRules = carryPasswordRules(providers);
      for (Path realm : realmFiles) {
        Path imported = runDir.resolve("data/import").resolve(realm.getFileName());
        if (passwordRules) {
          Files.copy(realm, imported);
        } else {
          Files.writeString(imported, withoutExtensionPasswordRules(Files.readString(realm)));
        }
      }
      // WRITE_DELAY=0: H2 writes each transaction to the file as it commits (its default, 500 ms later), so an
      // account, a login or a link Keycloak answered for survives Keycloak being killed.
      String dbUrl = h2File == null
          ? "jdbc:h2:mem:keycloak-" + port + ";NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1"
          : "jdbc:h2:file:" + h2File + ";NON_KEYWORDS=VALUE;WRITE_DELAY=0";
      if (h2File != null) {
        Files.createDirectories(h2File.getParent());
      }
      List<String> command = new ArrayList<>(List.of(runDir.resolve("bin/kc.sh").toString(), "start-dev",
          "--http-host=127.0.0.1", "--http-port=" + port, "--db-url=" + dbUrl));
      if (!realmFiles.isEmpty()) {
        command.add("--import-realm");
      }
      String kafka = needed.get(Endpoints.KAFKA_BOOTSTRAP_SERVERS);
      if (kafka != null) {
        command.add("--spi-events-listener--" + EVENT_LISTENER + "--bootstrap-servers=" + kafka);
      }
      Map<String, String> environment = new LinkedHashMap<>(environment());
      // Read by the realm file's placeholders when it is imported.
      for (String variable : List.of(Endpoints.SMTP_HOST, Endpoints.SMTP_PORT)) {
        if (needed.containsKey(variable)) {
          environment.put(variable, needed.get(variable));
        }
      }
      ChildProcess process = ChildProcess.start("keycloak", command, environment, runDir,
          logsDir.resolve("keycloak.log"));
      String url = "http://127.0.0.1:" + port;
      List<String> realms = new ArrayList<>(List.of("master"));
      realmFiles.stream().map(KeycloakServer::realmName).distinct().forEach(realms::add);
      process.awaitReady(READY_TIMEOUT, () -> realms.stream().allMatch(realm -> answers(url + "/realms/" + realm)));
      return new Running(process, runDir, url);
    } catch (IOException e) {
      deleteRecursively(runDir);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The realm a file is about, by Keycloak's naming convention for imports: {@code <realm>-realm.json}
   * for the realm, {@code <realm>-users-<n>.json} for users imported with it.
   */
  static String realmName(Path realmFile) {
    String file = realmFile.getFileName().toString();
    Matcher name = IMPORT_FILE.matcher(file);
    if (!name.matches()) {
      throw new LaunchException("realm files must be named <realm>-realm.json or <realm>-users-<n>.json, not " + file);
    }
    return name.group(1);
  }

  private static Map<String, String> environment() {
    return Map.of(
        "JAVA_HOME", System.getProperty("java.home"),
        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
        "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME,
        "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
  }

  /**
   * Unpacks and builds Keycloak with these providers once; later calls find it ready. Each set of
   * providers gets its own folder, so a prepared Keycloak is never changed under a running copy;
   * only the most recent few are kept.
   */
  private static Path prepare(Path cacheDir, List<Path> providers, Path logsDir) {
    Path distribution = ServerClasspaths.keycloakDistribution();
    Path home = cacheDir.resolve("keycloak").resolve(distribution.getFileName().toString().replace(".tar.gz", ""));
    try {
      Files.createDirectories(home);
      try (FileChannel channel = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
        Path prepared = home.resolve(fingerprint(providers).substring(0, 16));
        if (Files.exists(prepared.resolve(PREPARED))) {
          Files.setLastModifiedTime(prepared.resolve(PREPARED), FileTime.from(Instant.now()));
          return prepared;
        }
        LOG.log(System.Logger.Level.INFO, "preparing Keycloak in {0} (once per set of providers)", prepared);
        unpack(distribution, prepared, home);
        installProviders(prepared, providers);
        build(prepared, logsDir);
        Files.writeString(prepared.resolve(PREPARED), Instant.now().toString());
        forgetOlderThanTheLast(KEPT_PREPARED, home);
        return prepared;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare Keycloak in " + home, e);
    }
  }

  private static void forgetOlderThanTheLast(int kept, Path home) throws IOException {
    try (Stream<Path> folders = Files.list(home)) {
      List<Path> prepared = folders.filter(folder -> Files.exists(folder.resolve(PREPARED)))
          .sorted(Comparator.comparing((Path folder) -> {
            try {
              return Files.getLastModifiedTime(folder.resolve(PREPARED));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }).reversed())
          .toList();
      prepared.stream().skip(kept).forEach(KeycloakServer::deleteRecursively);
    }
  }

  private static void unpack(Path distribution, Path prepared, Path home) throws IOException {
    Path staging = home.resolve("unpacking");
    deleteRecursively(staging);
    Files.createDirectories(staging);
    run(List.of("tar", "xzf", distribution.toString(), "-C", staging.toString(), "--strip-components=1"), home);
    deleteRecursively(prepared);
    Files.move(staging, prepared, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void installProviders(Path prepared, List<Path> providers) throws IOException {
    for (Path provider : providers) {
      Files.copy(provider, prepared.resolve("providers").resolve(provider.getFileName()));
    }
  }

  /** The password policies that need Roster's extension: its own rule, and the list only its jar carries. */
  private static final Pattern EXTENSION_PASSWORD_RULES =
      Pattern.compile("\\s+and\\s+(?:notOneCharacterRepeated|passwordBlacklist\\([^)]*\\))");

  /** Whether the providers bring password policies (Roster's extension does); without them a realm naming one fails. */
  private static boolean carryPasswordRules(List<Path> providers) {
    for (Path provider : providers) {
      try (ZipFile jar = new ZipFile(provider.toFile())) {
        if (jar.getEntry("META-INF/services/org.keycloak.policy.PasswordPolicyProviderFactory") != null) {
          return true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }

  /**
   * The realm without the password rules of Roster's extension, so that Keycloak still starts without it (as it
   * does, without login events or invitation links): the launcher's own tests run before identity is built.
   */
  static String withoutExtensionPasswordRules(String realm) {
    String without = EXTENSION_PASSWORD_RULES.matcher(realm).replaceAll("");
    if (!without.equals(realm)) {
      LOG.log(System.Logger.Level.WARNING, "Roster's Keycloak extension is not installed: the realm is imported "
          + "without its password rules (notOneCharacterRepeated, passwordBlacklist)");
    }
    return without;
  }

  /** Copies the password lists the provider jars carry ({@code password-blacklists/*}) where Keycloak reads them. */
  private static void installPasswordBlacklists(List<Path> providers, Path folder) throws IOException {
    for (Path provider : providers) {
      try (ZipFile jar = new ZipFile(provider.toFile())) {
        for (ZipEntry entry : jar.stream().filter(e -> !e.isDirectory()
            && e.getName().startsWith(PASSWORD_BLACKLISTS + "/")).toList()) {
          Path target = folder.resolve(entry.getName().substring(PASSWORD_BLACKLISTS.length() + 1));
          Files.createDirectories(target.getParent());
          try (InputStream list = jar.getInputStream(entry)) {
            Files.copy(list, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  /** Run folders of Keycloaks that were killed rather than stopped; none of today's may be in use. */
  private static void deleteAbandonedRuns(Path runs) throws IOException {
    if (!Files.isDirectory(runs)) {
      return;
    }
    Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
    try (Stream<Path> folders = Files.list(runs)) {
      for (Path folder : folders.toList()) {
        if (Files.getLastModifiedTime(folder).toInstant().isBefore(dayAgo)) {
          deleteRecursively(folder);
        }
      }
    }
  }

  /** Keycloak's dev mode builds on its first start: start it once, throwaway, and stop it. */
  private static void build(Path prepared, Path logsDir) {
    int port = FreePorts.next();
    ChildProcess process = ChildProcess.start("keycloak-build", List.of(prepared.resolve("bin/kc.sh").toString(),
            "start-dev", "--http-host=127.0.0.1", "--http-port=" + port,
            "--db-url=jdbc:h2:mem:keycloak-build;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1"),
        environment(), prepared, logsDir.resolve("keycloak-build.log"));
    try {
      process.awaitReady(READY_TIMEOUT, () -> answers("http://127.0.0.1:" + port + "/realms/master"));
    } finally {
      process.close();
      deleteRecursively(prepared.resolve("data"));
    }
  }

  private static String fingerprint(List<Path> providers) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path provider : providers.stream().sorted(Comparator.comparing(Path::getFileName)).toList()) {
        digest.update(provider.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(provider));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hard links where the file system allows it (instant), a plain copy where not. */
  private static void copyTree(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      try {
        run(List.of("cp", "-al", from.toString(), to.toString()), to.getParent());
      } catch (LaunchException e) {
        deleteRecursively(to);
        run(List.of("cp", "-R", from.toString(), to.toString()), to.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean answers(String url) {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static void run(List<String> command, Path directory) {
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new LaunchException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new LaunchException(String.join(" ", command) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted", e);
    }
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete {0}: {1}", path, e.getMessage());
    }
  }
}

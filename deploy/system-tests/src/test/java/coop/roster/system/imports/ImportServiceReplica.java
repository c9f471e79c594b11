package coop.roster.system.imports;

import coop.roster.stack.ChildProcess;
import coop.roster.stack.FreePorts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One more instance of import-service, from its jar as {@code Services} starts one, but with settings and a
 * heap of the test's own: a replica beside the running system's (which takes over its jobs when it dies),
 * or the benchmark's instance with the heap of the budget.
 */
record ImportServiceReplica(ChildProcess process, String url) implements AutoCloseable {

  static ImportServiceReplica start(String name, List<String> jvmOptions, Map<String, String> environment,
      Map<String, String> settings) {
    Path root = Path.of(System.getProperty("roster.root", "../.."));
    Path logs = logs();
    int port = FreePorts.next();
    Path jar = root.resolve("import-service").resolve("target").resolve("import-service.jar").toAbsolutePath();
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.putAll(settings);
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    ChildProcess process = ChildProcess.start(name,
        ChildProcess.java(jvmOptions, jar.toString(), "org.springframework.boot.loader.launch.JarLauncher", List.of()),
        env, jar.getParent(), logs.resolve(name + ".log"));
    String url = "http://127.0.0.1:" + port;
    process.awaitReady(Duration.ofMinutes(3), () -> ready(url));
    return new ImportServiceReplica(process, url);
  }

  /** Where the replicas' logs go, as the launcher's. */
  static Path logs() {
    return Path.of(System.getProperty("roster.logs.dir", "target/infra-logs"));
  }

  private static boolean ready(String url) {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url
          + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.close();
  }
}

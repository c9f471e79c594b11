package coop.roster.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One instance of a Roster service, run from the jar its module built. */
public final class ServiceProcess {

  /** How long a service may take to be ready; {@code -Droster.services.ready-timeout=PT8M} on a crowded machine. */
  private static final Duration READY_TIMEOUT =
      Duration.parse(System.getProperty("roster.services.ready-timeout", "PT3M"));

  private ServiceProcess() {
  }

  /**
   * Starts {@code jar} on 127.0.0.1:{@code port} with {@code environment} and waits until its
   * readiness probe answers UP.
   */
  public static ChildProcess start(String instance, Path jar, int port, Map<String, String> environment,
      Path logsDir) {
    if (!Files.isRegularFile(jar)) {
      throw new LaunchException(jar + " is missing: build the services first (./mvnw -DskipTests package)");
    }
    Map<String, String> env = new HashMap<>(environment);
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    ChildProcess process = ChildProcess.start(instance,
        ChildProcess.java(List.of("-Xms64m", "-Xmx512m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"),
            jar.toString(), "org.springframework.boot.loader.launch.JarLauncher", List.of()),
        env, jar.getParent(), logsDir.resolve(instance + ".log"));
    process.awaitReady(READY_TIMEOUT, () -> isReady(port));
    return process;
  }

  static boolean isReady(int port) {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (Exception e) {
      return false;
    }
  }
}

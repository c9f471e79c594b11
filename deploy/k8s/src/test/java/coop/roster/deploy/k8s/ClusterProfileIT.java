package coop.roster.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import coop.roster.stack.ChildProcess;
import coop.roster.stack.Endpoints;
import coop.roster.stack.FreePorts;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every service, from the jar its module built, run as its Deployment in the local-cluster overlay runs
 * it: the cluster profile and the same variables, except that the infrastructure is the launcher's
 * (Kafka in plain text instead of Strimzi's TLS listener). It must start, answer its probes and
 * Prometheus on the management port without a token and not on its own port, tag its metrics with
 * service and instance, and log JSON lines that name its pod.
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.SMTP, Part.KEYCLOAK})
class ClusterProfileIT {

  private static final Path ROOT = Path.of(System.getProperty("roster.root", "../..")).toAbsolutePath().normalize();
  private static final Path LOGS = Path.of(System.getProperty("roster.logs.dir", "target/infra-logs"));
  private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static Stream<ServiceModule> services() {
    return ServiceModule.all(ROOT).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void startsAndIsWatchableAsItsDeploymentRunsIt(ServiceModule service, Infrastructure infrastructure) throws Exception {
    Path jar = service.dir().resolve("target").resolve(service.module() + ".jar");
    assertThat(jar).as("the jar of " + service.module() + " (build it first: ./mvnw -DskipTests package)").isRegularFile();
    Overlay overlay = new Overlay("local-cluster", Kustomize.find(cacheDir()).build(ROOT.resolve("deploy/k8s/overlays/local-cluster")));
    Node container = Overlay.container(overlay.named("Deployment", service.name()).orElseThrow());
    String pod = service.name() + "-5d8f7c9b6-x2x7q";
    int port = FreePorts.next();
    int management = FreePorts.next();
    Map<String, String> env = environment(service, overlay, container, infrastructure, pod, port, management);

    try (ChildProcess process = ChildProcess.start(service.name() + "-cluster-profile",
        ChildProcess.java(List.of("-Xmx384m"), jar.toString(), "org.springframework.boot.loader.launch.JarLauncher", List.of()),
        env, service.dir(), LOGS.resolve(service.name() + "-cluster-profile.log"))) {
      process.awaitReady(Duration.ofMinutes(3), () -> status(management, "/actuator/health/readiness") == 200);

      assertThat(status(management, "/actuator/health/liveness")).as("liveness on the management port").isEqualTo(200);
      String metrics = get(management, "/actuator/prometheus").body();
      assertThat(metrics).as("Prometheus on the management port, without a token")
          .contains("service=\"" + service.name() + "\"").contains("instance=\"" + pod + "\"");
      assertThat(status(port, "/actuator/health")).as("/actuator on the service's own port").isNotEqualTo(200);
      assertThat(jsonLogLines(process.log())).as("JSON log lines of " + process.log())
          .isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("service").path("name").asString()).isEqualTo(service.name());
            assertThat(line.path("service").path("node").path("name").asString()).isEqualTo(pod);
          });
    }
  }

  /**
   * The Deployment's variables with the launcher's servers in place of the cluster's, and a stand-in for
   * each value that comes from a Secret.
   */
  private static Map<String, String> environment(ServiceModule service, Overlay overlay, Node container,
      Infrastructure infrastructure, String pod, int port, int management) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    overlay.environment(container).forEach((name, value) -> {
      if (value != null) {
        env.put(name, value);
      }
    });
    for (Placeholder placeholder : service.placeholders(overlay.profiles(container))) {
      if (placeholder.mustBeSetInACluster() && !env.containsKey(placeholder.name())) {
        env.put(placeholder.name(), placeholder.defaultValue() != null ? placeholder.defaultValue() : "from-a-secret");
      }
    }
    Map<String, String> servers = infrastructure.environment();
    env.putAll(servers);
    env.put("KEYCLOAK_PUBLIC_URL", servers.get(Endpoints.KEYCLOAK_URL));
    env.put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
    env.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"x\" password=\"x\";");
    Path ca = Files.createTempFile("kafka-ca", ".crt");
    ca.toFile().deleteOnExit();
    env.put("KAFKA_CA_FILE", ca.toString());
    env.put("POD_NAME", pod);
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("MANAGEMENT_SERVER_PORT", Integer.toString(management));
    env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    // What the gateway's Deployment sets from another variable, $(NAME), now that the names have values.
    env.replaceAll((name, value) -> {
      Matcher reference = REFERENCE.matcher(value);
      return reference.find() ? reference.replaceAll(m -> Matcher.quoteReplacement(env.getOrDefault(m.group(1), ""))) : value;
    });
    return env;
  }

  /** The lines the service logged (the JVM's own first line and the launcher's header aside), parsed. */
  private static List<JsonNode> jsonLogLines(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> !l.startsWith("---- ") && !l.startsWith("Picked up JAVA_TOOL_OPTIONS")).filter(l -> !l.isBlank())
          .map(JSON::readTree).toList();
    }
  }

  private static int status(int port, String path) {
    try {
      return get(port, path).statusCode();
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path cacheDir() {
    return Path.of(System.getProperty("roster.cache.dir", System.getProperty("user.home") + "/.cache/roster"));
  }
}

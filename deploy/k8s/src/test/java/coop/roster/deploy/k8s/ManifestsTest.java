package coop.roster.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import coop.roster.events.Topics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Renders every overlay of deploy/k8s and checks what a reviewer would, against what the services
 * declare in their own configuration (read at test time, so new variables and bindings are covered).
 * Each test lists every problem it finds, with the overlay and the resource, rather than the first one.
 */
class ManifestsTest {

  private static final Path ROOT = Path.of(System.getProperty("roster.root", "../..")).toAbsolutePath().normalize();
  private static final Path K8S = ROOT.resolve("deploy/k8s");
  private static final Path CACHE = Path.of(System.getProperty("roster.cache.dir",
      System.getProperty("user.home") + "/.cache/roster"));
  private static final Map<String, Overlay> RENDERED = new ConcurrentHashMap<>();
  private static final List<ServiceModule> SERVICES = ServiceModule.all(ROOT);
  /**
   * Namespaces that may reach Roster's pods other than its ways in, and the ports they may use: Prometheus
   * the metrics ports (the services' management port, Keycloak's 9000, Kafka's and Kafka Exporter's 9404),
   * CloudNativePG's operator its instances' status port.
   */
  private static final Map<String, Set<String>> OUTSIDE_PEERS = Map.of("monitoring", Set.of("management", "9000", "9404"),
      "cnpg-system", Set.of("8000"));
  /** The namespace of the ingress controller, the only one that may reach the gateway and Keycloak. */
  private static final String INGRESS_NAMESPACE = "ingress-nginx";

  static Stream<Overlay> overlays() throws IOException {
    Kustomize kustomize = Kustomize.find(CACHE);
    try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted()
          .map(d -> RENDERED.computeIfAbsent(d.getFileName().toString(), n -> new Overlay(n, kustomize.build(d))))
          .toList().stream();
    }
  }

  @Test
  void thereAreALocalClusterAndAProductionOverlay() throws IOException {
    assertThat(overlays().map(Overlay::name)).contains("local-cluster", "production");
    assertThat(SERVICES).extracting(ServiceModule::name)
        .contains("gateway", "member-service", "import-service", "invitation-service");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyServiceHasADeploymentAServiceAnAutoscalerAndADisruptionBudget(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (ServiceModule service : SERVICES) {
      for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget")) {
        if (overlay.named(kind, service.name()).isEmpty()) {
          problems.add(kind + " " + service.name() + " is missing");
        }
      }
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyDeploymentSelectsItsOwnPodsAndNoOneElses(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Node workload : overlay.workloads()) {
      String name = workload.string("kind") + "/" + workload.string("metadata", "name");
      Map<String, String> selector = workload.strings("spec", "selector", "matchLabels");
      if (!Overlay.selects(selector, workload.strings("spec", "template", "metadata", "labels"))) {
        problems.add(name + ": selector " + selector + " does not match its pod labels");
      }
      overlay.podLabels().forEach((other, labels) -> {
        if (!other.equals(name) && Overlay.selects(selector, labels)) {
          problems.add(name + ": selector " + selector + " also matches the pods of " + other);
        }
      });
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyContainerAsksForCpuAndMemoryAndIsCappedInMemory(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Node workload : overlay.workloads()) {
      Overlay.containers(workload).forEach(c -> {
        String where = workload.string("metadata", "name") + "/" + c.string("name");
        for (String[] path : List.of(new String[] {"requests", "cpu"}, new String[] {"requests", "memory"},
            new String[] {"limits", "memory"})) {
          if (!c.get("resources").get(path).exists()) {
            problems.add(where + ": no resources." + String.join(".", path));
          }
        }
      });
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyContainerRunsAsNonRootOnAReadOnlyFilesystem(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Node workload : overlay.workloads()) {
      Node pod = workload.get("spec", "template", "spec");
      Overlay.containers(workload).forEach(c -> {
        String where = workload.string("metadata", "name") + "/" + c.string("name");
        boolean nonRoot = Boolean.TRUE.equals(c.get("securityContext", "runAsNonRoot").value())
            || Boolean.TRUE.equals(pod.get("securityContext", "runAsNonRoot").value());
        if (!nonRoot) {
          problems.add(where + ": runAsNonRoot is not true");
        }
        if (!Boolean.TRUE.equals(c.get("securityContext", "readOnlyRootFilesystem").value())) {
          problems.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (!Boolean.FALSE.equals(c.get("securityContext", "allowPrivilegeEscalation").value())) {
          problems.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (!c.list("securityContext", "capabilities", "drop").stream().map(Node::string).toList().contains("ALL")) {
          problems.add(where + ": capabilities are not all dropped");
        }
      });
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyServiceIsProbedOnItsLivenessAndReadinessGroups(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Deployed deployed : deployed(overlay)) {
      ServiceModule service = deployed.service();
      Node container = deployed.container();
      int management = service.managementPort(deployed.profiles());
      Map<String, String> expected = Map.of("livenessProbe", "/actuator/health/liveness",
          "readinessProbe", "/actuator/health/readiness");
      expected.forEach((probe, path) -> {
        Node get = container.get(probe, "httpGet");
        if (!path.equals(get.string("path"))) {
          problems.add(service + ": " + probe + " asks " + get.string("path") + " instead of " + path);
        } else if (!Integer.valueOf(management).equals(containerPort(container, get.string("port")))) {
          problems.add(service + ": " + probe + " port " + get.string("port") + " is not the management port "
              + management + " of its configuration");
        }
      });
    }
    // Workloads other than Roster's services (local helpers) still need probes.
    overlay.workloads().forEach(w -> Overlay.containers(w).filter(c -> !w.string("kind").equals("Job")).forEach(c -> {
      if (!c.get("readinessProbe").exists() || !c.get("livenessProbe").exists()) {
        problems.add(w.string("metadata", "name") + "/" + c.string("name") + ": no liveness or readiness probe");
      }
    }));
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void shutdownHasTimeForTheWebServerToDrainAndTheConsumersToLeave(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Deployed deployed : deployed(overlay)) {
      ServiceModule service = deployed.service();
      Node container = deployed.container();
      List<String> profiles = deployed.profiles();
      if (!"graceful".equals(service.properties(profiles).get("server.shutdown"))) {
        problems.add(service + ": server.shutdown is not graceful");
      }
      int preStop = Optional.ofNullable(container.integer("lifecycle", "preStop", "sleep", "seconds")).orElse(0);
      // The web server's graceful phase, then the bindings' stop phase: each may take the whole timeout.
      long needed = preStop + 2 * service.shutdownPhase(profiles).toSeconds();
      Integer grace = deployed.deployment().integer("spec", "template", "spec", "terminationGracePeriodSeconds");
      if (grace == null || grace < needed) {
        problems.add(service + ": terminationGracePeriodSeconds " + grace + " < preStop " + preStop
            + " s + 2 × spring.lifecycle.timeout-per-shutdown-phase = " + needed + " s");
      }
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyAutoscalerAndDisruptionBudgetTargetsSomethingThatRuns(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Node hpa : overlay.of("HorizontalPodAutoscaler")) {
      String kind = hpa.string("spec", "scaleTargetRef", "kind");
      String target = hpa.string("spec", "scaleTargetRef", "name");
      if (overlay.named(kind, target).isEmpty()) {
        problems.add("HorizontalPodAutoscaler " + hpa.string("metadata", "name") + " scales " + kind + " " + target
            + ", which does not exist");
      }
      Integer min = hpa.integer("spec", "minReplicas");
      Integer max = hpa.integer("spec", "maxReplicas");
      if (min == null || max == null || min < 1 || max < min) {
        problems.add("HorizontalPodAutoscaler " + hpa.string("metadata", "name") + ": replicas " + min + ".." + max);
      }
      Optional<Node> scaled = overlay.named(kind, target);
      if (scaled.isPresent() && Overlay.containers(scaled.get())
          .anyMatch(c -> !c.get("resources", "requests", "cpu").exists())) {
        problems.add("HorizontalPodAutoscaler " + hpa.string("metadata", "name") + " scales on CPU but " + target
            + " requests none");
      }
    }
    Map<String, Map<String, String>> pods = overlay.podLabels();
    for (Node pdb : overlay.of("PodDisruptionBudget")) {
      Map<String, String> selector = pdb.strings("spec", "selector", "matchLabels");
      List<String> covered = pods.entrySet().stream().filter(e -> Overlay.selects(selector, e.getValue()))
          .map(Map.Entry::getKey).toList();
      if (covered.isEmpty()) {
        problems.add("PodDisruptionBudget " + pdb.string("metadata", "name") + " selects " + selector
            + ": no pod of this overlay has these labels");
      }
      Integer maxUnavailable = pdb.integer("spec", "maxUnavailable");
      if (maxUnavailable == null || maxUnavailable < 1) {
        // minAvailable equal to the replica count would block every node drain.
        problems.add("PodDisruptionBudget " + pdb.string("metadata", "name") + " must allow one pod down (maxUnavailable ≥ 1)");
      }
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyVariableAServiceReadsIsSetInTheCluster(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Deployed deployed : deployed(overlay)) {
      ServiceModule service = deployed.service();
      Node container = deployed.container();
      Set<String> set = environment(overlay, container).keySet();
      for (Placeholder placeholder : service.placeholders(deployed.profiles())) {
        if (placeholder.mustBeSetInACluster(set)) {
          problems.add(service + " reads " + placeholder.name()
              + (placeholder.defaultValue() == null ? " (no default)" : " (local default " + placeholder.defaultValue() + ")")
              + " in " + placeholder.where() + ", but its Deployment does not set it");
        }
      }
      // $(NAME) in a value is expanded by Kubernetes only from variables defined before it.
      environment(overlay, container).forEach((name, value) -> {
        Matcher reference = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value == null ? "" : value);
        while (reference.find()) {
          if (!set.contains(reference.group(1))) {
            problems.add(service + ": " + name + " refers to $(" + reference.group(1) + "), which is not defined");
          }
        }
      });
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void imagesAreTheOnesTheBuildMakesAndArePinned(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Deployed deployed : deployed(overlay)) {
      ServiceModule service = deployed.service();
      String image = deployed.container().string("image");
      Optional<String> built = service.image();
      if (built.isEmpty()) {
        problems.add(service + ": its module does not build an image (jib.skip=false in " + service.module() + "/pom.xml)");
      } else {
        checkImage(problems, service.name(), image, built.get());
      }
    }
    overlay.of("Keycloak").forEach(k -> checkImage(problems, "Keycloak " + k.string("metadata", "name"),
        k.string("spec", "image"), "roster-keycloak"));
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void portsAgreeFromTheServicesConfigurationToTheIngress(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Deployed deployed : deployed(overlay)) {
      ServiceModule service = deployed.service();
      Node container = deployed.container();
      int port = Optional.ofNullable(environment(overlay, container).get("SERVER_PORT")).map(Integer::valueOf)
          .orElse(service.port(deployed.profiles()));
      if (!Integer.valueOf(port).equals(containerPort(container, "http"))) {
        problems.add(service + " listens on " + port + " but its container port http is " + containerPort(container, "http"));
      }
    }
    Map<String, Map<String, String>> pods = overlay.podLabels();
    for (Node svc : overlay.of("Service")) {
      Map<String, String> selector = svc.strings("spec", "selector");
      List<Node> selected = overlay.workloads().stream()
          .filter(w -> Overlay.selects(selector, w.strings("spec", "template", "metadata", "labels"))).toList();
      if (selected.isEmpty() && pods.values().stream().noneMatch(l -> Overlay.selects(selector, l))) {
        problems.add("Service " + svc.string("metadata", "name") + " selects no pod: " + selector);
      }
      for (Node port : svc.list("spec", "ports")) {
        String target = port.string("targetPort");
        for (Node workload : selected) {
          if (Overlay.containers(workload).noneMatch(c -> containerPort(c, target) != null)) {
            problems.add("Service " + svc.string("metadata", "name") + " targets port " + target + ", which "
                + workload.string("metadata", "name") + " does not open");
          }
        }
      }
    }
    Map<String, Map<String, Integer>> services = overlay.services();
    for (Node ingress : overlay.of("Ingress")) {
      for (Node rule : ingress.list("spec", "rules")) {
        for (Node path : rule.list("http", "paths")) {
          Node backend = path.get("backend", "service");
          Map<String, Integer> ports = services.get(backend.string("name"));
          String where = "Ingress " + rule.string("host") + path.string("path");
          if (ports == null) {
            problems.add(where + " sends to Service " + backend.string("name") + ", which nothing creates");
          } else if (backend.get("port", "name").exists() ? !ports.containsKey(backend.string("port", "name"))
              : !ports.containsValue(backend.integer("port", "number"))) {
            problems.add(where + " sends to a port Service " + backend.string("name") + " does not have: " + ports);
          }
        }
      }
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyEventTopicAndItsDeadLetterTopicExist(Overlay overlay) {
    Set<String> topics = topics(overlay).keySet();
    List<String> expected = new ArrayList<>();
    for (String topic : eventTopics()) {
      expected.add(topic);
      expected.add(Topics.deadLetter(topic));
    }
    assertThat(topics).as(overlay.name() + ": KafkaTopic resources").containsAll(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void topicsHaveAPartitionForEveryReplicaOfEveryConsumer(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> partitions = topics(overlay);
    for (Deployed deployed : deployed(overlay)) {
      ServiceModule service = deployed.service();
      Optional<Node> hpa = overlay.named("HorizontalPodAutoscaler", service.name());
      if (hpa.isEmpty()) {
        continue;
      }
      int maxReplicas = hpa.get().integer("spec", "maxReplicas");
      for (ServiceModule.Consumer consumer : service.consumers(deployed.profiles())) {
        Integer count = partitions.get(consumer.topic());
        int needed = maxReplicas * consumer.concurrency();
        if (count == null) {
          problems.add(service + " consumes " + consumer.topic() + ", which no KafkaTopic creates");
        } else if (count < needed) {
          problems.add(consumer.topic() + " has " + count + " partitions, but " + service + " may run " + maxReplicas
              + " replicas × " + consumer.concurrency() + " consumers: " + (needed - count) + " would sit idle");
        }
        if (consumer.deadLetterTopic() != null) {
          Integer dlq = partitions.get(consumer.deadLetterTopic());
          int dlqNeeded = consumer.deadLetterPartitions() != null ? consumer.deadLetterPartitions() : count == null ? 1 : count;
          if (dlq == null) {
            problems.add(service + " sends dead letters to " + consumer.deadLetterTopic() + ", which no KafkaTopic creates");
          } else if (dlq < dlqNeeded) {
            // The binder writes a dead letter to the partition its record came from.
            problems.add(consumer.deadLetterTopic() + " has " + dlq + " partitions, fewer than " + dlqNeeded);
          }
        }
        if (!consumer.group().equals(service.name())) {
          problems.add(service + " consumes " + consumer.topic() + " as group " + consumer.group()
              + "; Roster's consumer groups are the service names");
        }
      }
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void kafkaLetsEachServiceReadWhatItConsumesAndNothingReachesItButItsClients(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Deployed deployed : deployed(overlay)) {
      ServiceModule service = deployed.service();
      Map<String, String> labels = deployed.deployment().strings("spec", "template", "metadata", "labels");
      if (service.usesKafka() != "true".equals(labels.get("roster.coop/kafka-client"))) {
        problems.add(service + (service.usesKafka() ? " uses Kafka but its pods are not" : " does not use Kafka but its pods are")
            + " labelled roster.coop/kafka-client");
      }
      if (service.usesMongoDb() != "true".equals(labels.get("roster.coop/mongodb-client"))) {
        problems.add(service + (service.usesMongoDb() ? " uses MongoDB but its pods are not" : " does not use MongoDB but its pods are")
            + " labelled roster.coop/mongodb-client");
      }
      Map<String, Set<String>> granted = grants(overlay, service.name());
      for (ServiceModule.Consumer consumer : service.consumers(deployed.profiles())) {
        if (!granted.getOrDefault("topic:" + consumer.topic(), Set.of()).contains("Read")) {
          problems.add("KafkaUser " + service.name() + " may not read " + consumer.topic());
        }
        if (!granted.getOrDefault("group:" + consumer.group(), Set.of()).contains("Read")) {
          problems.add("KafkaUser " + service.name() + " may not consume as group " + consumer.group());
        }
        if (consumer.deadLetterTopic() != null
            && !granted.getOrDefault("topic:" + consumer.deadLetterTopic(), Set.of()).contains("Write")) {
          problems.add("KafkaUser " + service.name() + " may not write dead letters to " + consumer.deadLetterTopic());
        }
      }
    }
    // The operator's dead-letter command (deploy/k8s/dead-letters) reads every DLQ and replays to its topic.
    Map<String, Set<String>> deadLetters = grants(overlay, "roster-dead-letters");
    if (!deadLetters.getOrDefault("group:roster-dead-letters", Set.of()).contains("Read")) {
      problems.add("KafkaUser roster-dead-letters may not keep its replay mark as group roster-dead-letters");
    }
    for (String topic : eventTopics()) {
      if (!deadLetters.getOrDefault("topic:" + Topics.deadLetter(topic), Set.of()).contains("Read")) {
        problems.add("KafkaUser roster-dead-letters may not read " + Topics.deadLetter(topic));
      }
      if (!deadLetters.getOrDefault("topic:" + topic, Set.of()).contains("Write")) {
        problems.add("KafkaUser roster-dead-letters may not replay to " + topic);
      }
    }
    for (Node kafka : overlay.of("Kafka")) {
      for (Node listener : kafka.list("spec", "kafka", "listeners")) {
        if (listener.list("networkPolicyPeers").isEmpty()) {
          problems.add("Kafka listener " + listener.string("name") + " lets any pod connect (no networkPolicyPeers)");
        }
      }
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void keycloakPublishesLoginsToTheClustersKafkaAsItsOwnUser(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    for (Node keycloak : overlay.of("Keycloak")) {
      Map<String, Node> options = new HashMap<>();
      keycloak.list("spec", "additionalOptions").forEach(o -> options.put(o.string("name"), o));
      String prefix = "spi-events-listener--roster-kafka--";
      for (Node kafka : overlay.of("Kafka")) {
        String cluster = kafka.string("metadata", "name");
        Node tls = kafka.list("spec", "kafka", "listeners").stream().filter(l -> "true".equals(l.string("tls")))
            .findFirst().orElseThrow();
        String brokers = cluster + "-kafka-bootstrap:" + tls.integer("port");
        if (!options.containsKey(prefix + "bootstrap-servers")
            || !brokers.equals(options.get(prefix + "bootstrap-servers").string("value"))) {
          problems.add("Keycloak's event listener does not publish to " + brokers);
        }
        if (!options.containsKey(prefix + "ssl-truststore-certificates") || !(cluster + "-cluster-ca-cert")
            .equals(options.get(prefix + "ssl-truststore-certificates").string("secret", "name"))) {
          problems.add("Keycloak's event listener does not trust " + cluster + "'s cluster CA");
        }
      }
      Node jaas = options.get(prefix + "sasl-jaas-config");
      String user = jaas == null ? null : jaas.string("secret", "name");
      if (user == null || !grants(overlay, user).getOrDefault("topic:" + Topics.IDENTITY_EVENTS, Set.of())
          .contains("Write")) {
        problems.add("Keycloak's event listener logs in as KafkaUser " + user + ", who may not write "
            + Topics.IDENTITY_EVENTS);
      }
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void onlyTheGatewayAndKeycloakAreReachableFromOutside(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    boolean denyAll = overlay.of("NetworkPolicy").stream().anyMatch(p -> p.strings("spec", "podSelector", "matchLabels").isEmpty()
        && !p.get("spec", "podSelector", "matchExpressions").exists()
        && p.list("spec", "policyTypes").stream().map(Node::string).toList().contains("Ingress")
        && p.list("spec", "ingress").isEmpty());
    if (!denyAll) {
      problems.add("no NetworkPolicy refuses by default what is not allowed");
    }
    Set<String> ingressBackends = overlay.of("Ingress").stream().flatMap(i -> i.list("spec", "rules").stream())
        .flatMap(r -> r.list("http", "paths").stream()).map(p -> p.string("backend", "service", "name")).collect(Collectors.toSet());
    assertThat(ingressBackends).as(overlay.name() + ": what the Ingress publishes").containsExactlyInAnyOrder("gateway", "keycloak-service");
    for (Node policy : overlay.of("NetworkPolicy")) {
      Map<String, String> selector = policy.strings("spec", "podSelector", "matchLabels");
      if (!selector.isEmpty() && overlay.podLabels().values().stream().noneMatch(labels -> Overlay.selects(selector, labels))) {
        problems.add("NetworkPolicy " + policy.string("metadata", "name") + " applies to " + selector + ": no pod has these labels");
      }
      // The two ways in: the gateway's pods and Keycloak's (whose pods the Keycloak operator labels).
      boolean gateway = "gateway".equals(selector.get("app.kubernetes.io/name")) || "keycloak".equals(selector.get("app"));
      for (Node rule : policy.list("spec", "ingress")) {
        List<String> ports = rule.list("ports").stream().map(p -> p.string("port")).toList();
        List<Node> from = rule.list("from");
        if (from.isEmpty()) {
          problems.add("NetworkPolicy " + policy.string("metadata", "name") + " lets anyone reach " + selector + " on "
              + (ports.isEmpty() ? "every port" : ports));
        }
        for (Node peer : from) {
          if (peer.get("ipBlock").exists()) {
            problems.add("NetworkPolicy " + policy.string("metadata", "name") + " lets addresses outside reach " + selector);
          }
          if (!peer.get("namespaceSelector").exists()) {
            continue;
          }
          String namespace = peer.string("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
          String reason = gateway && INGRESS_NAMESPACE.equals(namespace) ? "the ingress controller"
              : OUTSIDE_PEERS.entrySet().stream().filter(e -> !ports.isEmpty() && e.getValue().containsAll(ports)
                  && e.getKey().equals(namespace)).map(Map.Entry::getKey).findFirst().orElse(null);
          if (reason == null) {
            problems.add("NetworkPolicy " + policy.string("metadata", "name") + " lets namespace "
                + (namespace == null ? "(any)" : namespace) + " reach " + selector + " on " + (ports.isEmpty() ? "every port" : ports));
          }
        }
      }
    }
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void fromOutsideKeycloakAnswersOnlyRealmRostersLoginPagesAndNeverTheInvitationLinksTheMasterRealmOrTheAdminConsole(
      Overlay overlay) {
    IngressRoutes routes = new IngressRoutes(overlay);
    Map<String, String> config = overlay.of("ConfigMap").stream().map(c -> c.strings("data"))
        .filter(d -> d.containsKey("KEYCLOAK_PUBLIC_URL")).findFirst().orElseThrow();
    String keycloak = URI.create(config.get("KEYCLOAK_PUBLIC_URL")).getHost();
    String roster = URI.create(config.get("ROSTER_PUBLIC_URL")).getHost();
    String keycloakService = "keycloak-service:8080";
    Map<String, String> expected = new LinkedHashMap<>();
    // What browsers are sent to: the login page, the gateway's token and key calls (at the public URL), logout,
    // the login and set-password pages (invitation links), the themes' files.
    expected.put("/realms/roster/protocol/openid-connect/auth", keycloakService);
    expected.put("/realms/roster/protocol/openid-connect/token", keycloakService);
    expected.put("/realms/roster/protocol/openid-connect/certs", keycloakService);
    expected.put("/realms/roster/protocol/openid-connect/logout", keycloakService);
    expected.put("/realms/roster/login-actions/action-token", keycloakService);
    expected.put("/realms/roster/login-actions/authenticate", keycloakService);
    expected.put("/resources/abcde/login/keycloak.v2/css/styles.css", keycloakService);
    // What only services inside the cluster, or nobody, may call.
    expected.put("/realms/roster/invitations/links", null);
    expected.put("/realms/roster/invitations/links/", null);
    expected.put("/realms/roster/protocol/openid-connect/../../invitations/links", null);
    expected.put("/realms/roster/login-actions/%2e%2e/invitations/links", null);
    expected.put("/realms/roster//invitations/links", null);
    expected.put("/realms/roster/protocol/openid-connectx", null);
    expected.put("/realms/roster/account", null);
    expected.put("/realms/roster", null);
    expected.put("/realms/master/protocol/openid-connect/auth", null);
    expected.put("/realms/master/login-actions/authenticate", null);
    expected.put("/realms/master/protocol/openid-connect/../../roster/invitations/links", null);
    expected.put("/admin/master/console/", null);
    expected.put("/admin/realms/roster/users", null);
    expected.put("/metrics", null);
    expected.put("/", null);
    List<String> problems = new ArrayList<>();
    expected.forEach((path, backend) -> {
      String answers = routes.backend(keycloak, path).orElse(null);
      if (!Objects.equals(backend, answers)) {
        problems.add("https://" + keycloak + path + " reaches " + (answers == null ? "nothing" : answers)
            + ", expected " + (backend == null ? "nothing" : backend));
      }
      // Roster's own host is the gateway's, whatever the path; any other name reaches nothing.
      String gateway = routes.backend(roster, path).orElse(null);
      if (!"gateway:http".equals(gateway)) {
        problems.add("https://" + roster + path + " reaches " + gateway + ", expected gateway:http");
      }
      routes.backend("10.0.0.1", path).ifPresent(other ->
          problems.add("http://10.0.0.1" + path + " (no host name) reaches " + other + ", expected nothing"));
    });
    assertThat(routes.hosts()).as(overlay.name() + ": the Ingress's hosts").containsExactlyInAnyOrder(roster, keycloak);
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void noSecretValueIsCommittedAndEverySecretReadIsWrittenByAnOperatorOrDocumented(Overlay overlay) throws IOException {
    List<String> problems = new ArrayList<>();
    overlay.of("Secret").forEach(s -> problems.add("Secret " + s.string("metadata", "name") + " is committed"));
    Set<String> known = new HashSet<>(overlay.secretsWrittenByOperators());
    known.addAll(documentedSecrets());
    Map<String, String> referenced = new LinkedHashMap<>();
    for (Node workload : overlay.workloads()) {
      String where = workload.string("metadata", "name");
      Overlay.containers(workload).forEach(c -> {
        c.list("env").forEach(e -> Optional.ofNullable(e.string("valueFrom", "secretKeyRef", "name")).ifPresent(n -> referenced.put(n, where)));
        c.list("envFrom").forEach(e -> Optional.ofNullable(e.string("secretRef", "name")).ifPresent(n -> referenced.put(n, where)));
      });
      workload.list("spec", "template", "spec", "volumes").forEach(v ->
          Optional.ofNullable(v.string("secret", "secretName")).ifPresent(n -> referenced.put(n, where)));
    }
    overlay.of("KeycloakRealmImport").forEach(r -> r.entries("spec", "placeholders").values()
        .forEach(p -> referenced.put(p.string("secret", "name"), "KeycloakRealmImport")));
    overlay.of("MongoDBCommunity").forEach(m -> m.list("spec", "users")
        .forEach(u -> referenced.put(u.string("passwordSecretRef", "name"), "MongoDBCommunity")));
    referenced.forEach((secret, user) -> {
      if (!known.contains(secret)) {
        problems.add(user + " reads Secret " + secret + ", which no operator writes and README's \"Secrets to create\" does not list");
      }
    });
    assertThat(problems).as(overlay.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void keycloakImportsIdentitysRealmWithEveryPlaceholderAClusterMustSet(Overlay overlay) throws IOException {
    Path realmFile = ROOT.resolve("identity/src/main/keycloak/roster-realm.json");
    ObjectMapper json = new ObjectMapper();
    JsonNode realm = json.readTree(realmFile.toFile());
    List<Node> imports = overlay.of("KeycloakRealmImport");
    assertThat(imports).as(overlay.name() + ": KeycloakRealmImport").hasSize(1);
    JsonNode imported = json.valueToTree(imports.getFirst().get("spec", "realm").value());
    assertThat(imported).as("""
        deploy/k8s imports an old copy of identity/src/main/keycloak/roster-realm.json: \
        run deploy/k8s/update-realm-import and commit the result""").isEqualTo(realm);
    Set<String> provided = imports.getFirst().entries("spec", "placeholders").keySet();
    List<String> missing = Placeholder.in(Files.readString(realmFile), "roster-realm.json").stream()
        .filter(Placeholder::mustBeSetInACluster).map(Placeholder::name).filter(n -> !provided.contains(n)).distinct().toList();
    assertThat(missing).as(overlay.name() + ": realm placeholders without a value in KeycloakRealmImport.spec.placeholders "
        + "(base/infrastructure/keycloak/realm-import-placeholders.yaml)").isEmpty();
    String keycloak = imports.getFirst().string("spec", "keycloakCRName");
    assertThat(overlay.named("Keycloak", keycloak)).as(overlay.name() + ": the Keycloak the realm goes to").isPresent();
  }

  @Test
  void productionMailGoesToTheRelayOverTlsWithALoginFromASecret() throws IOException {
    Overlay production = overlays().filter(o -> o.name().equals("production")).findFirst().orElseThrow();
    List<String> problems = new ArrayList<>();
    Node invitations = Overlay.container(production.named("Deployment", "invitation-service").orElseThrow());
    Map<String, String> environment = production.environment(invitations);
    for (String flag : List.of("SMTP_STARTTLS", "SMTP_AUTH")) {
      if (!"true".equals(environment.get(flag))) {
        problems.add("invitation-service: " + flag + " is " + environment.get(flag) + ", not true");
      }
    }
    for (String credential : List.of("SMTP_USERNAME", "SMTP_PASSWORD")) {
      Node secret = invitations.list("env").stream().filter(e -> credential.equals(e.string("name"))).findFirst()
          .map(e -> e.get("valueFrom", "secretKeyRef")).orElse(null);
      if (secret == null || !secret.exists() || "true".equals(secret.string("optional"))) {
        problems.add("invitation-service: " + credential + " does not come from a required Secret");
      }
    }

    // Keycloak's own mails: the realm's smtpServer with what production gives its placeholders, from the
    // Keycloak pods' environment (which the import job runs with) or from Secrets (the import's placeholders).
    Node keycloak = production.of("Keycloak").getFirst();
    Node realmImport = production.of("KeycloakRealmImport").getFirst();
    Map<String, String> values = new HashMap<>();
    Set<String> secrets = new HashSet<>(realmImport.entries("spec", "placeholders").keySet());
    keycloak.list("spec", "env").forEach(e -> {
      if (e.get("secret").exists()) {
        secrets.add(e.string("name"));
      } else {
        values.put(e.string("name"), e.string("value"));
      }
    });
    Map<String, String> smtp = realmImport.strings("spec", "realm", "smtpServer");
    Pattern placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([^}]*))?}");
    Function<String, String> resolved = field -> {
      String value = smtp.get(field);
      Matcher m = value == null ? null : placeholder.matcher(value);
      if (m == null || !m.matches()) {
        return value;
      }
      return secrets.contains(m.group(1)) ? "(Secret)" : values.getOrDefault(m.group(1), m.group(2));
    };
    if (!"true".equals(resolved.apply("starttls")) && !"true".equals(resolved.apply("ssl"))) {
      problems.add("Keycloak sends mail in clear: starttls " + smtp.get("starttls") + " and ssl " + smtp.get("ssl")
          + " are not true in production");
    }
    if (!"true".equals(resolved.apply("auth"))) {
      problems.add("Keycloak does not log in to the relay: auth " + smtp.get("auth") + " is not true in production");
    }
    for (String credential : List.of("user", "password")) {
      if (!"(Secret)".equals(resolved.apply(credential))) {
        problems.add("Keycloak's relay " + credential + " (" + smtp.get(credential) + ") does not come from a Secret");
      }
    }
    assertThat(problems).isEmpty();
  }

  // --- what the checks read

  /** A service and the Deployment an overlay runs it with. */
  record Deployed(ServiceModule service, Node deployment, Node container, List<String> profiles) {
  }

  /** The services this overlay deploys (a missing Deployment is the first test's business). */
  private static List<Deployed> deployed(Overlay overlay) {
    List<Deployed> deployed = new ArrayList<>();
    for (ServiceModule service : SERVICES) {
      overlay.named("Deployment", service.name()).ifPresent(d -> {
        Node container = Overlay.container(d);
        deployed.add(new Deployed(service, d, container, overlay.profiles(container)));
      });
    }
    return deployed;
  }

  private static Map<String, String> environment(Overlay overlay, Node container) {
    return overlay.environment(container);
  }

  private static Integer containerPort(Node container, String port) {
    if (port == null) {
      return null;
    }
    for (Node p : container.list("ports")) {
      if (port.equals(p.string("name")) || port.equals(p.string("containerPort"))) {
        return p.integer("containerPort");
      }
    }
    return null;
  }

  private static void checkImage(List<String> problems, String who, String image, String expectedName) {
    if (image == null) {
      problems.add(who + ": no image");
      return;
    }
    int slash = image.lastIndexOf('/');
    String last = image.substring(slash + 1);
    int colon = last.indexOf(':');
    String name = colon < 0 ? last : last.substring(0, colon);
    String tag = colon < 0 ? "" : last.substring(colon + 1);
    if (!name.equals(expectedName)) {
      problems.add(who + " runs image " + image + ", but the build makes " + expectedName);
    }
    if (slash < 0) {
      problems.add(who + ": image " + image + " names no registry (the overlay's images: entry is missing)");
    }
    if (tag.isEmpty() || tag.equals("latest")) {
      problems.add(who + ": image " + image + " is not pinned to a version");
    }
  }

  private static Map<String, Integer> topics(Overlay overlay) {
    Map<String, Integer> topics = new HashMap<>();
    overlay.of("KafkaTopic").forEach(t -> topics.put(Optional.ofNullable(t.string("spec", "topicName"))
        .orElse(t.string("metadata", "name")), t.integer("spec", "partitions")));
    return topics;
  }

  /** Operations a KafkaUser may do, by "topic:name" or "group:name" (literal resources only). */
  private static Map<String, Set<String>> grants(Overlay overlay, String user) {
    Map<String, Set<String>> grants = new HashMap<>();
    overlay.named("KafkaUser", user).ifPresent(u -> u.list("spec", "authorization", "acls").forEach(acl -> {
      Set<String> operations = grants.computeIfAbsent(acl.string("resource", "type") + ":" + acl.string("resource", "name"),
          k -> new HashSet<>());
      acl.list("operations").forEach(o -> operations.add(o.string()));
      if (operations.contains("All")) {
        operations.addAll(List.of("Read", "Write", "Describe"));
      }
    }));
    return grants;
  }

  private static List<String> eventTopics() {
    List<String> topics = new ArrayList<>();
    for (Field field : Topics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          topics.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return topics;
  }

  /** The Secrets deploy/k8s/README.md tells an operator to create: the first column of its table. */
  private static Set<String> documentedSecrets() throws IOException {
    String readme = Files.readString(K8S.resolve("README.md"));
    int start = readme.indexOf("### Secrets to create");
    assertThat(start).as("deploy/k8s/README.md has a \"### Secrets to create\" section").isNotNegative();
    int end = readme.indexOf("\n#", start + 1);
    Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9.-]+)`").matcher(readme.substring(start, end < 0 ? readme.length() : end));
    Set<String> names = new HashSet<>();
    while (row.find()) {
      names.add(row.group(1));
    }
    return names;
  }
}

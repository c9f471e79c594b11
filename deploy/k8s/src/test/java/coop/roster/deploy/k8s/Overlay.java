package coop.roster.deploy.k8s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * One overlay as Kustomize renders it, and what the operators it relies on will create from its custom
 * resources (pods, Services and Secrets that never appear in the rendered YAML).
 */
final class Overlay {

  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");

  private final String name;
  private final List<Node> resources = new ArrayList<>();

  Overlay(String name, String renderedYaml) {
    this.name = name;
    for (Object document : new Yaml().loadAll(renderedYaml)) {
      if (document != null) {
        resources.add(new Node(document));
      }
    }
  }

  String name() {
    return name;
  }

  List<Node> all() {
    return resources;
  }

  List<Node> of(String kind) {
    return resources.stream().filter(r -> kind.equals(r.string("kind"))).toList();
  }

  Optional<Node> named(String kind, String resourceName) {
    return of(kind).stream().filter(r -> resourceName.equals(r.string("metadata", "name"))).findFirst();
  }

  /** Deployments, StatefulSets and DaemonSets: what has a pod template. */
  List<Node> workloads() {
    return resources.stream().filter(r -> WORKLOADS.contains(r.string("kind"))).toList();
  }

  /** Labels of every pod this overlay makes run, its own workloads' and the operators' alike, by who runs them. */
  Map<String, Map<String, String>> podLabels() {
    Map<String, Map<String, String>> pods = new LinkedHashMap<>();
    workloads().forEach(w -> pods.put(w.string("kind") + "/" + w.string("metadata", "name"),
        w.strings("spec", "template", "metadata", "labels")));
    of("Keycloak").forEach(k -> pods.put("Keycloak/" + k.string("metadata", "name"), Map.of("app", "keycloak",
        "app.kubernetes.io/instance", k.string("metadata", "name"), "app.kubernetes.io/managed-by", "keycloak-operator")));
    of("MongoDBCommunity").forEach(m -> pods.put("MongoDBCommunity/" + m.string("metadata", "name"),
        Map.of("app", m.string("metadata", "name") + "-svc")));
    of("Cluster").stream().filter(c -> c.string("apiVersion").startsWith("postgresql.cnpg.io/")).forEach(c -> pods.put(
        "Cluster/" + c.string("metadata", "name"), Map.of("cnpg.io/cluster", c.string("metadata", "name"))));
    of("Kafka").forEach(k -> {
      String cluster = k.string("metadata", "name");
      pods.put("Kafka/" + cluster, Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
          "strimzi.io/name", cluster + "-kafka"));
      if (k.get("spec", "kafkaExporter").exists()) {
        pods.put("Kafka/" + cluster + " exporter", Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
            "strimzi.io/name", cluster + "-kafka-exporter"));
      }
    });
    return pods;
  }

  /** Services by name with their ports (name → number), this overlay's and those operators write. */
  Map<String, Map<String, Integer>> services() {
    Map<String, Map<String, Integer>> services = new HashMap<>();
    of("Service").forEach(s -> {
      Map<String, Integer> ports = new HashMap<>();
      s.list("spec", "ports").forEach(p -> ports.put(String.valueOf(p.string("name")), p.integer("port")));
      services.put(s.string("metadata", "name"), ports);
    });
    of("Keycloak").forEach(k -> services.put(k.string("metadata", "name") + "-service", Map.of("http", 8080)));
    return services;
  }

  /** Secrets the operators write from this overlay's resources: none of these needs a person. */
  Set<String> secretsWrittenByOperators() {
    List<String> names = new ArrayList<>();
    of("KafkaUser").forEach(u -> names.add(u.string("metadata", "name")));
    of("Kafka").forEach(k -> names.add(k.string("metadata", "name") + "-cluster-ca-cert"));
    of("MongoDBCommunity").forEach(m -> m.list("spec", "users").forEach(u -> {
      names.add(u.string("connectionStringSecretName"));
      names.add(u.string("scramCredentialsSecretName") + "-scram-credentials");
    }));
    of("Cluster").stream().filter(c -> c.string("apiVersion").startsWith("postgresql.cnpg.io/"))
        .forEach(c -> names.add(c.string("metadata", "name") + "-app"));
    of("Keycloak").forEach(k -> names.add(k.string("metadata", "name") + "-initial-admin"));
    return Set.copyOf(names.stream().filter(n -> n != null).toList());
  }

  /** The active profiles of a service's container (its SPRING_PROFILES_ACTIVE). */
  List<String> profiles(Node container) {
    String active = environment(container).get("SPRING_PROFILES_ACTIVE");
    return active == null ? List.of() : Stream.of(active.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Variables a container gets, by name: its env entries (valueFrom ones with a null value) and the keys of
   * ConfigMaps it takes whole with envFrom. Secrets are never rendered, so a Secret taken whole proves nothing.
   */
  Map<String, String> environment(Node container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Node from : container.list("envFrom")) {
      String prefix = Optional.ofNullable(from.string("prefix")).orElse("");
      Optional.ofNullable(from.string("configMapRef", "name")).flatMap(n -> named("ConfigMap", n))
          .ifPresent(cm -> cm.strings("data").forEach((k, v) -> env.put(prefix + k, v)));
    }
    container.list("env").forEach(e -> env.put(e.string("name"), e.string("value")));
    return env;
  }

  /** The single container of a Roster service's Deployment. */
  static Node container(Node workload) {
    return workload.list("spec", "template", "spec", "containers").getFirst();
  }

  static Stream<Node> containers(Node workload) {
    return Stream.concat(workload.list("spec", "template", "spec", "initContainers").stream(),
        workload.list("spec", "template", "spec", "containers").stream());
  }

  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  @Override
  public String toString() {
    return name;
  }
}

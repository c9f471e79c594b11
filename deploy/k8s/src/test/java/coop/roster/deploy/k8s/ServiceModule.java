package coop.roster.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * A Roster service as its module declares it: a Maven module of the root pom with a
 * {@code src/main/resources/application.yml}. What the manifests must agree with is read from there, at
 * test time, so that a variable or a binding another engineer adds is checked without touching this test.
 */
record ServiceModule(String module, Path dir, String name, Map<String, String> baseProperties) {

  private static final Pattern BINDING_IN = Pattern.compile("spring\\.cloud\\.stream\\.bindings\\.([^.]+-in-\\d+)\\.destination");

  /** Every service module of the build, in the order of the root pom. */
  static List<ServiceModule> all(Path root) {
    List<ServiceModule> services = new ArrayList<>();
    for (String module : modules(root)) {
      Path dir = root.resolve(module);
      if (Files.isRegularFile(dir.resolve("src/main/resources/application.yml"))) {
        Map<String, String> properties = properties(dir, List.of());
        services.add(new ServiceModule(module, dir, properties.get("spring.application.name"), properties));
      }
    }
    return services;
  }

  /** The module's Spring properties with {@code profiles} applied, flattened to dotted keys. */
  Map<String, String> properties(List<String> profiles) {
    return properties(dir, profiles);
  }

  /** Every {@code ${NAME}} or {@code ${NAME:default}} environment placeholder the given profiles read. */
  List<Placeholder> placeholders(List<String> profiles) {
    List<Placeholder> found = new ArrayList<>();
    for (Path file : files(dir, profiles)) {
      properties(file).forEach((key, value) -> found.addAll(Placeholder.in(value, dir.relativize(file) + " (" + key + ")")));
    }
    return found;
  }

  int port(List<String> profiles) {
    return Integer.parseInt(Placeholder.resolveDefaults(properties(profiles).getOrDefault("server.port", "8080")));
  }

  int managementPort(List<String> profiles) {
    String management = properties(profiles).get("management.server.port");
    return management == null ? port(profiles) : Integer.parseInt(Placeholder.resolveDefaults(management));
  }

  Duration shutdownPhase(List<String> profiles) {
    return Duration.parse("PT" + Placeholder.resolveDefaults(
        properties(profiles).getOrDefault("spring.lifecycle.timeout-per-shutdown-phase", "30s")).toUpperCase());
  }

  boolean usesKafka() {
    return baseProperties.keySet().stream().anyMatch(k -> k.startsWith("spring.cloud.stream.") || k.startsWith("spring.kafka."));
  }

  boolean usesMongoDb() {
    return baseProperties.keySet().stream().anyMatch(k -> k.startsWith("spring.mongodb.") || k.startsWith("spring.data.mongodb."));
  }

  /** What the build's image is called: Jib's {@code roster-<artifactId>} (root pom), when the module opts in. */
  Optional<String> image() {
    return "false".equals(pomProperty(dir.resolve("pom.xml"), "jib.skip")) ? Optional.of("roster-" + module) : Optional.empty();
  }

  /** The Kafka input bindings: each consumed topic with its consumer group, concurrency and dead-letter topic. */
  List<Consumer> consumers(List<String> profiles) {
    Map<String, String> p = properties(profiles);
    List<Consumer> consumers = new ArrayList<>();
    p.forEach((key, destination) -> {
      Matcher m = BINDING_IN.matcher(key);
      if (!m.matches()) {
        return;
      }
      String binding = m.group(1);
      String group = p.get("spring.cloud.stream.bindings." + binding + ".group");
      int concurrency = Integer.parseInt(Placeholder.resolveDefaults(p.getOrDefault("spring.cloud.stream.bindings." + binding + ".consumer.concurrency", "1")));
      String kafka = "spring.cloud.stream.kafka.bindings." + binding + ".consumer.";
      boolean dlq = Boolean.parseBoolean(p.getOrDefault(kafka + "enable-dlq", p.getOrDefault(kafka + "enableDlq", "false")));
      for (String topic : destination.split(",")) {
        String dlqName = p.getOrDefault(kafka + "dlq-name", p.get(kafka + "dlqName"));
        String deadLetter = !dlq ? null : dlqName != null ? dlqName : "error." + topic.strip() + "." + group;
        String dlqPartitions = p.getOrDefault(kafka + "dlq-partitions", p.get(kafka + "dlqPartitions"));
        consumers.add(new Consumer(binding, topic.strip(), group, concurrency, deadLetter,
            dlqPartitions == null ? null : Integer.valueOf(dlqPartitions)));
      }
    });
    return consumers;
  }

  record Consumer(String binding, String topic, String group, int concurrency, String deadLetterTopic,
      Integer deadLetterPartitions) {
  }

  @Override
  public String toString() {
    return name;
  }

  private static Map<String, String> properties(Path dir, List<String> profiles) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (Path file : files(dir, profiles)) {
      merged.putAll(properties(file));
    }
    return merged;
  }

  private static List<Path> files(Path dir, List<String> profiles) {
    Path resources = dir.resolve("src/main/resources");
    List<Path> files = new ArrayList<>();
    files.add(resources.resolve("application.yml"));
    profiles.stream().map(p -> resources.resolve("application-" + p + ".yml")).filter(Files::isRegularFile).forEach(files::add);
    return files;
  }

  private static Map<String, String> properties(Path file) {
    Map<String, String> flat = new LinkedHashMap<>();
    try {
      for (Object document : new Yaml().loadAll(Files.readString(file))) {
        flatten("", document, flat);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return flat;
  }

  private static void flatten(String prefix, Object value, Map<String, String> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), into);
      }
    } else if (value != null) {
      into.put(prefix, String.valueOf(value));
    }
  }

  private static List<String> modules(Path root) {
    NodeList modules = pom(root.resolve("pom.xml")).getElementsByTagName("module");
    return Stream.iterate(0, i -> i < modules.getLength(), i -> i + 1).map(i -> modules.item(i).getTextContent().strip()).toList();
  }

  private static String pomProperty(Path pom, String name) {
    NodeList properties = pom(pom).getElementsByTagName("properties");
    for (int i = 0; i < properties.getLength(); i++) {
      NodeList values = ((Element) properties.item(i)).getElementsByTagName(name);
      if (values.getLength() > 0) {
        return values.item(0).getTextContent().strip();
      }
    }
    return null;
  }

  private static Element pom(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read " + pom, e);
    }
  }
}

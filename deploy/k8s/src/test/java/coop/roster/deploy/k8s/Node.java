package coop.roster.deploy.k8s;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value in parsed YAML, navigated without null checks: a missing key gives an absent node. */
record Node(Object value) {

  static final Node ABSENT = new Node(null);

  Node get(String... path) {
    Object current = value;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return ABSENT;
      }
      current = map.get(key);
    }
    return current == null ? ABSENT : new Node(current);
  }

  boolean exists() {
    return value != null;
  }

  String string() {
    return value == null ? null : String.valueOf(value);
  }

  String string(String... path) {
    return get(path).string();
  }

  Integer integer(String... path) {
    Object v = get(path).value;
    if (v == null) {
      return null;
    }
    return v instanceof Number n ? n.intValue() : Integer.valueOf(String.valueOf(v));
  }

  List<Node> list(String... path) {
    return get(path).value instanceof List<?> list ? list.stream().map(Node::new).toList() : List.of();
  }

  /** The entries of a map of strings (labels, selectors, ConfigMap data); empty when absent. */
  Map<String, String> strings(String... path) {
    Map<String, String> result = new LinkedHashMap<>();
    if (get(path).value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    }
    return result;
  }

  Map<String, Node> entries(String... path) {
    Map<String, Node> result = new LinkedHashMap<>();
    if (get(path).value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> result.put(String.valueOf(k), new Node(v)));
    }
    return result;
  }
}

package coop.roster.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An environment variable a configuration file reads: {@code ${NAME}} or {@code ${NAME:default}}, with
 * NAME in capitals (lower-case names such as {@code ${spring.application.name}} are properties, and
 * Keycloak's {@code ${username}} are message keys). One in another's default, as in
 * {@code ${KEYCLOAK_CLIENT_SECRET:${INVITATION_SERVICE_CLIENT_SECRET:...}}}, is read only when that other
 * one ({@code fallbackOf}) is not set.
 */
record Placeholder(String name, String defaultValue, String where, String fallbackOf) {

  /** Local defaults that are no use in a cluster, though they point at no local address. */
  private static final Set<String> LOCAL_BY_NATURE = Set.of("SMTP_PORT");

  /**
   * Whether a cluster must set this variable: it has no default, or its default is a local one — an
   * address on the machine itself, a local-development secret, or a value only the local stack uses.
   */
  boolean mustBeSetInACluster() {
    if (defaultValue == null) {
      return true;
    }
    String d = defaultValue.toLowerCase();
    return d.contains("localhost") || d.contains("127.0.0.1") || d.contains("[::1]")
        || name.endsWith("SECRET") || name.endsWith("PASSWORD") || name.endsWith("TOKEN") || name.endsWith("KEY")
        || LOCAL_BY_NATURE.contains(name);
  }

  /** Whether a cluster that sets {@code variables} must also set this one. */
  boolean mustBeSetInACluster(Set<String> variables) {
    return mustBeSetInACluster() && !variables.contains(name) && (fallbackOf == null || !variables.contains(fallbackOf));
  }

  static List<Placeholder> in(String text, String where) {
    List<Placeholder> found = new ArrayList<>();
    collect(text, where, null, found);
    return found;
  }

  private static void collect(String text, String where, String enclosing, List<Placeholder> found) {
    int from = 0;
    while ((from = text.indexOf("${", from)) >= 0) {
      int end = closingBrace(text, from + 2);
      if (end < 0) {
        break;
      }
      String body = text.substring(from + 2, end);
      int colon = body.indexOf(':');
      String name = colon < 0 ? body : body.substring(0, colon);
      if (name.startsWith("env.")) {
        name = name.substring(4);
      }
      boolean variable = name.matches("[A-Z][A-Z0-9_]*");
      String defaultValue = colon < 0 ? null : body.substring(colon + 1);
      if (variable) {
        found.add(new Placeholder(name, defaultValue, where, enclosing));
      }
      if (defaultValue != null) {
        collect(defaultValue, where, variable ? name : enclosing, found);
      }
      from = end + 1;
    }
  }

  /** {@code text} with each placeholder replaced by its default (the value on a laptop). */
  static String resolveDefaults(String text) {
    int start = text.indexOf("${");
    if (start < 0) {
      return text;
    }
    int end = closingBrace(text, start + 2);
    String body = text.substring(start + 2, end);
    int colon = body.indexOf(':');
    String value = colon < 0 ? "" : resolveDefaults(body.substring(colon + 1));
    return resolveDefaults(text.substring(0, start) + value + text.substring(end + 1));
  }

  private static int closingBrace(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}

package coop.roster.deploy.k8s;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Where an ingress controller sends a request, from an overlay's rendered Ingress rules, as Kubernetes defines
 * path matching and ingress-nginx applies it: the rules of the request's host (or of no host), the path
 * normalised first (percent-decoded, dot segments and repeated slashes resolved, as nginx does before
 * matching); {@code Exact} matches the whole path, {@code Prefix} whole path elements ({@code /a/b} matches
 * {@code /a/b} and {@code /a/b/c}, not {@code /a/bc}); the longest match wins, {@code Exact} before
 * {@code Prefix} of the same length.
 */
final class IngressRoutes {

  /** One path of one rule. */
  private record Route(String host, String path, boolean exact, String backend) {
  }

  private final List<Route> routes = new ArrayList<>();

  IngressRoutes(Overlay overlay) {
    for (Node ingress : overlay.of("Ingress")) {
      for (Node rule : ingress.list("spec", "rules")) {
        for (Node path : rule.list("http", "paths")) {
          Node service = path.get("backend", "service");
          String port = service.get("port", "name").exists() ? service.string("port", "name")
              : String.valueOf(service.integer("port", "number"));
          routes.add(new Route(rule.string("host"), path.string("path"), "Exact".equals(path.string("pathType")),
              service.string("name") + ":" + port));
        }
      }
    }
  }

  /** The hosts the rules name. */
  List<String> hosts() {
    return routes.stream().map(Route::host).filter(h -> h != null).distinct().toList();
  }

  /** The backend ({@code service:port}) that answers {@code path} on {@code host}, or empty if none does. */
  Optional<String> backend(String host, String path) {
    String normalised = normalise(path);
    return routes.stream()
        .filter(route -> route.host() == null || route.host().equals(host))
        .filter(route -> matches(route, normalised))
        .max(Comparator.<Route>comparingInt(route -> trimmed(route.path()).length())
            .thenComparing(Route::exact)
            // A rule for the host itself before a rule for any host.
            .thenComparing(route -> route.host() != null))
        .map(Route::backend);
  }

  private static boolean matches(Route route, String path) {
    if (route.exact()) {
      return route.path().equals(path);
    }
    String prefix = trimmed(route.path());
    return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
  }

  private static String trimmed(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  static String normalise(String path) {
    String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : decoded.split("/+", -1)) {
      switch (segment) {
        case "", "." -> { }
        case ".." -> segments.pollLast();
        default -> segments.addLast(segment);
      }
    }
    boolean directory = decoded.endsWith("/") || decoded.endsWith("/.") || decoded.endsWith("/..");
    String joined = "/" + String.join("/", segments);
    return directory && !segments.isEmpty() ? joined + "/" : joined;
  }
}

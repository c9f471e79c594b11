package coop.roster.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Roster's services as processes from the jars their modules built, on top of a running
 * {@link Infrastructure}: one or several instances of each, each on its own port. The gateway is
 * told where every instance of the others is ({@code MEMBER_SERVICE_URL} for the first,
 * {@code MEMBER_SERVICE_URLS} for all), so it can balance across them. Every service is told where
 * the gateway's first instance answers ({@code ROSTER_PUBLIC_URL}: invitation links land there), so
 * that port is chosen before anything starts.
 */
public final class Services implements AutoCloseable {

  /** The services, in the order they can start: the gateway needs to know where the others are. */
  public static final List<String> BACKENDS = List.of("member-service", "import-service", "invitation-service");
  public static final String GATEWAY = "gateway";
  /** Roster's address for browsers, given to every service unless the environment sets it already. */
  public static final String PUBLIC_URL = "ROSTER_PUBLIC_URL";

  /** Documented ports of the first instance; further instances count up from {@code port + 10}. */
  private static final Map<String, Integer> FIXED_PORTS = Map.of(
      "gateway", 8080, "member-service", 8081, "import-service", 8082, "invitation-service", 8083);

  /** A running instance of a service. */
  public record Instance(String service, int index, int port, ChildProcess process) {

    public String url() {
      return "http://127.0.0.1:" + port;
    }

    public String name() {
      return index == 0 ? service : service + "-" + index;
    }
  }

  private final Path root;
  private final Map<String, String> environment;
  private final Path logsDir;
  private final boolean fixedPorts;
  private final Map<String, List<Instance>> instances = new ConcurrentHashMap<>();
  private final int gatewayPort;

  /**
   * @param root        the repository root (where each service's module folder is)
   * @param environment what every instance gets: the infrastructure's variables and any settings
   * @param fixedPorts  the documented ports (local stack) rather than free ones (tests)
   */
  public Services(Path root, Map<String, String> environment, Path logsDir, boolean fixedPorts) {
    this.root = root;
    this.logsDir = logsDir;
    this.fixedPorts = fixedPorts;
    this.gatewayPort = fixedPorts ? FIXED_PORTS.get(GATEWAY) : FreePorts.next();
    Map<String, String> withPublicUrl = new LinkedHashMap<>(environment);
    if (System.getenv(PUBLIC_URL) == null) {
      // Set in the launcher's own environment (behind a proxy, say), it reaches the services as it is.
      withPublicUrl.putIfAbsent(PUBLIC_URL, gatewayUrl());
    }
    this.environment = Map.copyOf(withPublicUrl);
  }

  /** Where the gateway's first instance answers (whether it runs yet or not): Roster's address for browsers. */
  public String gatewayUrl() {
    return "http://127.0.0.1:" + gatewayPort;
  }

  /** Starts {@code replicas.get(service)} instances (default one) of every service, gateway last. */
  public void startAll(Map<String, Integer> replicas) {
    inParallel(BACKENDS.stream()
        .flatMap(service -> java.util.stream.IntStream.range(0, replicas.getOrDefault(service, 1))
            .mapToObj(i -> (Supplier<Instance>) () -> start(service)))
        .toList());
    inParallel(java.util.stream.IntStream.range(0, replicas.getOrDefault(GATEWAY, 1))
        .mapToObj(i -> (Supplier<Instance>) () -> start(GATEWAY)).toList());
  }

  /** Starts one more instance of the service and waits until it is ready. */
  public Instance start(String service) {
    return start(service, Map.of());
  }

  /**
   * Starts one more instance of the service with these variables over the shared ones (another SMTP relay, say)
   * and waits until it is ready.
   */
  public Instance start(String service, Map<String, String> overrides) {
    int index;
    synchronized (instances) {
      List<Instance> list = instances.computeIfAbsent(service, s -> Collections.synchronizedList(new ArrayList<>()));
      index = list.size();
      list.add(null);
    }
    int port = GATEWAY.equals(service) && index == 0 ? gatewayPort
        : fixedPorts ? FIXED_PORTS.get(service) + 10 * index : FreePorts.next();
    Map<String, String> env = new LinkedHashMap<>(environment);
    if (GATEWAY.equals(service)) {
      env.putAll(backendLocations());
    }
    env.putAll(overrides);
    String name = index == 0 ? service : service + "-" + index;
    ChildProcess process = ServiceProcess.start(name, root.resolve(service).resolve("target").resolve(service + ".jar"),
        port, env, logsDir);
    Instance instance = new Instance(service, index, port, process);
    instances.get(service).set(index, instance);
    return instance;
  }

  /** {@code <SERVICE>_URL} (first instance) and {@code <SERVICE>_URLS} (all) of every backend running. */
  public Map<String, String> backendLocations() {
    Map<String, String> locations = new LinkedHashMap<>();
    for (String service : BACKENDS) {
      List<Instance> running = running(service);
      if (!running.isEmpty()) {
        String variable = service.toUpperCase().replace('-', '_');
        locations.put(variable + "_URL", running.getFirst().url());
        locations.put(variable + "_URLS", String.join(",", running.stream().map(Instance::url).toList()));
      }
    }
    return locations;
  }

  /** The instances of a service that are running. */
  public List<Instance> running(String service) {
    List<Instance> list = instances.getOrDefault(service, List.of());
    synchronized (list) {
      return list.stream().filter(i -> i != null && i.process().isAlive()).toList();
    }
  }

  /** The first running instance of the service. */
  public Instance first(String service) {
    return running(service).stream().findFirst()
        .orElseThrow(() -> new IllegalStateException(service + " is not running"));
  }

  /** Stops every instance, all at once (their Kafka consumers leave while the broker is up). */
  @Override
  public void close() {
    List<Instance> all = new ArrayList<>();
    instances.values().forEach(list -> {
      synchronized (list) {
        list.stream().filter(java.util.Objects::nonNull).forEach(all::add);
      }
    });
    instances.clear();
    inParallel(all.stream().map(instance -> (Supplier<Instance>) () -> {
      instance.process().close();
      return instance;
    }).toList());
  }

  /** Runs each task on its own thread (they mostly wait for a process) and fails with the first failure. */
  public static <T> List<T> inParallel(List<Supplier<T>> tasks) {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<T>> futures = tasks.stream()
          .map(task -> CompletableFuture.supplyAsync(task, executor)).toList();
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
      return futures.stream().map(CompletableFuture::join).toList();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}

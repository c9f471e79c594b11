package coop.roster.stack;

import coop.roster.stack.containers.ContainerParts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The running infrastructure: each {@link Part} is started on first request, once, and described by
 * the variables a service reads ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI}, ...). A part
 * whose variables are already set points at an external server and is not started.
 */
public final class Infrastructure implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Infrastructure.class.getName());

  /** How a part is brought up: as a local process, or (with a Docker engine) as a container. */
  public interface Starter {
    /** Starts the part; {@code needed} holds the variables of the parts it {@linkplain Part#needs() needs}. */
    Started start(Part part, Map<String, String> needed);
  }

  /** A started part: the variables that locate it, and how to stop it. */
  public record Started(Map<String, String> variables, AutoCloseable stopper) {
  }

  private final Starter starter;
  private final UnaryOperator<String> environment;
  private final Map<Part, Started> started = new ConcurrentHashMap<>();
  private final List<Started> stopOrder = Collections.synchronizedList(new ArrayList<>());
  private final Path tempData;

  private Infrastructure(Starter starter, Path tempData, UnaryOperator<String> environment) {
    this.starter = starter;
    this.tempData = tempData;
    this.environment = environment;
  }

  /** Local processes with these settings; environment variables may point at external servers. */
  public static Infrastructure processes(Settings settings) {
    return processes(settings, System::getenv);
  }

  /** Local processes with these settings, external servers named by {@code environment}. */
  public static Infrastructure processes(Settings settings, UnaryOperator<String> environment) {
    Path tempData = null;
    if (settings.dataDir() == null) {
      try {
        tempData = Files.createTempDirectory("roster-test-data-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Infrastructure(new ProcessParts(settings, tempData), tempData, environment);
  }

  /**
   * For a test JVM: containers when {@code -Droster.infra=containers} and a Docker engine answers,
   * local processes otherwise.
   */
  public static Infrastructure forTests() {
    Settings settings = Settings.forTests();
    if ("containers".equals(System.getProperty("roster.infra"))) {
      if (ContainerParts.dockerAvailable()) {
        return new Infrastructure(new ContainerParts(settings), null, System::getenv);
      }
      LOG.log(System.Logger.Level.INFO, "roster.infra=containers but no Docker engine answers: using local processes");
    }
    return processes(settings);
  }

  /**
   * Starts the part unless it runs already (or is external) and answers the variables that locate
   * it. The parts it {@linkplain Part#needs() needs} are started first.
   */
  public Map<String, String> start(Part part) {
    Started existing = started.get(part);
    if (existing != null) {
      return existing.variables();
    }
    Map<String, String> needed = new LinkedHashMap<>();
    for (Part need : part.needs()) {
      needed.putAll(start(need));
    }
    synchronized (part) {
      Started running = started.get(part);
      if (running == null) {
        running = startOrUseExternal(part, needed);
        started.put(part, running);
      }
      return running.variables();
    }
  }

  private Started startOrUseExternal(Part part, Map<String, String> needed) {
    Map<String, String> external = new LinkedHashMap<>();
    for (String name : part.externalVariables()) {
      String value = environment.apply(name);
      if (value != null && !value.isBlank()) {
        external.put(name, value);
      }
    }
    if (external.size() == part.externalVariables().size()) {
      LOG.log(System.Logger.Level.INFO, "using the external {0} at {1}", part, external);
      return new Started(Map.copyOf(external), () -> { });
    }
    long begin = System.nanoTime();
    Started result = starter.start(part, needed);
    stopOrder.add(result);
    LOG.log(System.Logger.Level.INFO, "{0} ready in {1} ms: {2}", part, (System.nanoTime() - begin) / 1_000_000,
        result.variables());
    return result;
  }

  /**
   * Stops a part this instance started, as an outage would; {@link #start} brings it back on the
   * same ports and, for Kafka, with the same data. The memory backends of MongoDB and Keycloak and
   * GreenMail's mailboxes start empty again; with {@code -Droster.stores.durable=true} MongoDB and Keycloak keep
   * their data in H2 files in the throwaway data folder, and come back with it.
   */
  public void stop(Part part) {
    end(part, false);
  }

  /**
   * Kills a part this instance started (SIGKILL: no shutdown of its own, as a crashed machine would leave it);
   * {@link #start} brings it back as after {@link #stop}. A part that is not a local process is stopped.
   */
  public void kill(Part part) {
    end(part, true);
  }

  private void end(Part part, boolean kill) {
    synchronized (part) {
      Started running = started.remove(part);
      if (running != null && stopOrder.remove(running)) {
        try {
          if (kill && running.stopper() instanceof ChildProcess process) {
            process.kill();
          } else if (kill && running.stopper() instanceof KeycloakServer.Running keycloak) {
            keycloak.kill();
          } else {
            running.stopper().close();
          }
        } catch (Exception e) {
          throw new LaunchException("could not stop " + part + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * The process id of a part this instance started as a local process (for a benchmark's CPU figures);
   * empty for an external server or a container.
   */
  public OptionalLong pid(Part part) {
    Started running = started.get(part);
    if (running == null) {
      return OptionalLong.empty();
    }
    return switch (running.stopper()) {
      case ChildProcess process -> OptionalLong.of(process.pid());
      case KeycloakServer.Running keycloak -> OptionalLong.of(keycloak.process().pid());
      default -> OptionalLong.empty();
    };
  }

  /** Every variable of the parts started (or external) so far. */
  public Map<String, String> environment() {
    Map<String, String> all = new LinkedHashMap<>();
    for (Part part : Part.values()) {
      Started running = started.get(part);
      if (running != null) {
        all.putAll(running.variables());
      }
    }
    return all;
  }

  /** Stops what this instance started, last started first. */
  @Override
  public void close() {
    List<Started> toStop;
    synchronized (stopOrder) {
      toStop = new ArrayList<>(stopOrder);
      stopOrder.clear();
    }
    Collections.reverse(toStop);
    for (Started part : toStop) {
      try {
        part.stopper().close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "could not stop a part cleanly: {0}", e.getMessage());
      }
    }
    started.clear();
    if (tempData != null) {
      KeycloakServer.deleteRecursively(tempData);
    }
  }
}

package coop.roster.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server or service started as a child process, its output in a log file. Stopping sends
 * SIGTERM, then SIGKILL after a grace period; the {@link Reaper} stops it if this JVM dies first.
 */
public final class ChildProcess implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with {@code environment} added to this JVM's, output appended to {@code log}. */
  public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
      Path workingDirectory, Path log) {
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "---- " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(ownSession(command))
          .directory(workingDirectory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(environment);
      Process process = builder.start();
      Reaper.instance().watch(name, process.pid());
      LOG.log(System.Logger.Level.INFO, "started {0} (pid {1}), log {2}", name, process.pid(), log);
      return new ChildProcess(name, process, log);
    } catch (IOException e) {
      throw new LaunchException("could not start " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs the command in its own session where {@code setsid} exists (Linux), so that Ctrl-C in a
   * terminal reaches only the launcher, which then stops its children in order.
   */
  static List<String> ownSession(List<String> command) {
    if (!SETSID.isEmpty()) {
      List<String> wrapped = new ArrayList<>(SETSID);
      wrapped.addAll(command);
      return wrapped;
    }
    return command;
  }

  private static final List<String> SETSID = java.nio.file.Files.isExecutable(Path.of("/usr/bin/setsid"))
      ? List.of("/usr/bin/setsid") : List.of();

  /** The command line that runs a Java main class with the JDK running this launcher. */
  public static List<String> java(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** Waits until {@code ready} holds, failing early (with the log's tail) if the process exits. */
  public void awaitReady(Duration timeout, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (ready.getAsBoolean()) {
        return;
      }
      if (!process.isAlive()) {
        throw new LaunchException(name + " exited with code " + process.exitValue() + " before it was ready; "
            + "last lines of " + log + ":\n" + tail(40));
      }
      if (Instant.now().isAfter(deadline)) {
        close();
        throw new LaunchException(name + " was not ready after " + timeout.toSeconds() + " s; last lines of "
            + log + ":\n" + tail(40));
      }
      sleep(Duration.ofMillis(200));
    }
  }

  /** Whether the log has a line containing {@code text} since the process started. */
  public boolean logContains(String text) {
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.anyMatch(line -> line.contains(text));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** Waits for the process to end by itself and answers its exit code. */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new LaunchException(name + " still running after " + timeout.toSeconds() + " s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while waiting for " + name, e);
    }
  }

  /** SIGKILL, as a crash would; for tests of what survives one. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitQuietly(Duration.ofSeconds(10));
    Reaper.instance().forget(process.pid());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!waitQuietly(STOP_GRACE)) {
        LOG.log(System.Logger.Level.WARNING, "{0} ignored SIGTERM for {1} s, killing it", name,
            STOP_GRACE.toSeconds());
        kill();
      }
      LOG.log(System.Logger.Level.INFO, "stopped {0}", name);
    }
    Reaper.instance().forget(process.pid());
  }

  private boolean waitQuietly(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted", e);
    }
  }
}

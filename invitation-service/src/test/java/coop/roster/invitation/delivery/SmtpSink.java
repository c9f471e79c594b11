package coop.roster.invitation.delivery;

import coop.roster.stack.ChildProcess;
import coop.roster.stack.FreePorts;
import coop.roster.stack.LaunchException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-sink} on a free loopback port: answers 250 to every mail and keeps none, fast enough to
 * measure a sender rather than the relay (GreenMail accepts a few dozen mails a second here). Installed with apt
 * (Debian's {@code postfix}) when missing, as {@code ./roster test} installs Chromium; the package's own daemon
 * is left stopped.
 */
final class SmtpSink implements AutoCloseable {

  /** Connections smtp-sink queues before accepting them (its backlog argument). */
  private static final int BACKLOG = 256;

  private final ChildProcess process;
  private final int port;

  private SmtpSink(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  static SmtpSink start(Path logsDir) {
    Path binary = installed();
    int port = FreePorts.next();
    // -u: smtp-sink refuses to keep root's privileges once its socket is open.
    ChildProcess process = ChildProcess.start("smtp-sink",
        List.of(binary.toString(), "-u", "nobody", "127.0.0.1:" + port, Integer.toString(BACKLOG)),
        Map.of(), Path.of("."), logsDir.resolve("smtp-sink.log"));
    process.awaitReady(Duration.ofSeconds(30), () -> FreePorts.isListening(port));
    return new SmtpSink(process, port);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.close();
  }

  private static Path installed() {
    return find().orElseGet(() -> {
      install();
      return find().orElseThrow(() -> new LaunchException("postfix is installed but smtp-sink is not on the PATH "
          + "nor in /usr/sbin"));
    });
  }

  private static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin"))
        .filter(folder -> !folder.isBlank())
        .map(folder -> Path.of(folder, "smtp-sink"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * apt-get install postfix, as root, without its questions ("No configuration": no main.cf, so no mail system is
   * set up); should the package have started its daemon anyway, it is stopped, so nothing stays bound to port 25.
   */
  private static void install() {
    if (!Files.isExecutable(Path.of("/usr/bin/apt-get")) || !"root".equals(System.getProperty("user.name"))) {
      throw new LaunchException("The invitation benchmark needs Postfix's smtp-sink: install Debian's postfix "
          + "(DEBIAN_FRONTEND=noninteractive apt-get install postfix) or put smtp-sink on the PATH");
    }
    run("echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections"
        + " && apt-get update -qq && apt-get install -y -qq postfix");
    if (FreePorts.isListening(25)) {
      run("postfix stop || true");
    }
  }

  private static void run(String script) {
    try {
      ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).inheritIO();
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      int exit = builder.start().waitFor();
      if (exit != 0) {
        throw new LaunchException("'" + script + "' exited with " + exit);
      }
    } catch (IOException e) {
      throw new LaunchException("could not run '" + script + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while installing postfix", e);
    }
  }
}

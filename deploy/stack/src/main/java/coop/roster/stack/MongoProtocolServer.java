package coop.roster.stack;

import coop.roster.stack.servers.ServerClasspaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** mongo-java-server: memory backend for tests, H2 file backend (kept across restarts) for the local stack. */
final class MongoProtocolServer {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private MongoProtocolServer() {
  }

  /** @param h2File the H2 file to persist in, or {@code null} for the memory backend */
  static ChildProcess start(int port, Path h2File, Path logsDir, String maxHeap) {
    try {
      List<String> args = h2File == null
          ? List.of(Integer.toString(port), "memory")
          : List.of(Integer.toString(port), "h2", h2File.toString());
      if (h2File != null) {
        Files.createDirectories(h2File.getParent());
      }
      ChildProcess server = ChildProcess.start("mongodb",
          ChildProcess.java(List.of("-Xms64m", "-Xmx" + maxHeap, "-XX:+UseG1GC",
                  "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                  // its slow commands and busiest minute (CommandTimes), with their time of day
                  "-Dorg.slf4j.simpleLogger.log.coop.roster.stack.servers=info",
                  "-Dorg.slf4j.simpleLogger.showDateTime=true"),
              ServerClasspaths.servers(), "coop.roster.stack.servers.MongoServerMain", args),
          Map.of(), logsDir, logsDir.resolve("mongodb.log"));
      server.awaitReady(READY_TIMEOUT, () -> FreePorts.isListening(port));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package coop.roster.stack;

import coop.roster.stack.servers.ServerClasspaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A single-node Kafka broker in KRaft mode, from the {@code kafka_2.13} jars. */
final class KafkaBroker {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> JVM = List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
      "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
      "-Dorg.slf4j.simpleLogger.showDateTime=true");

  private KafkaBroker() {
  }

  /**
   * Starts the broker on {@code port} (its controller on {@code controllerPort}), formatting
   * {@code dataDir} on first use. Ready once the broker says it started and accepts connections.
   */
  static ChildProcess start(Path dataDir, int port, int controllerPort, Path logsDir, int partitions) {
    try {
      Files.createDirectories(dataDir);
      Path properties = dataDir.resolve("server.properties");
      Path logDirs = dataDir.resolve("kraft-logs");
      Files.writeString(properties, """
          process.roles=broker,controller
          node.id=1
          controller.quorum.voters=1@127.0.0.1:%2$d
          listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
          advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
          controller.listener.names=CONTROLLER
          inter.broker.listener.name=PLAINTEXT
          listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
          log.dirs=%3$s
          num.partitions=%4$d
          auto.create.topics.enable=true
          offsets.topic.replication.factor=1
          offsets.topic.num.partitions=10
          transaction.state.log.replication.factor=1
          transaction.state.log.min.isr=1
          share.coordinator.state.topic.replication.factor=1
          share.coordinator.state.topic.min.isr=1
          group.initial.rebalance.delay.ms=0
          log.retention.hours=168
          """.formatted(port, controllerPort, logDirs, partitions));
      String classpath = ServerClasspaths.servers();
      Path log = logsDir.resolve("kafka.log");
      if (!Files.exists(logDirs.resolve("meta.properties"))) {
        ChildProcess format = ChildProcess.start("kafka-storage-format",
            ChildProcess.java(JVM, classpath, "kafka.tools.StorageTool",
                List.of("format", "--cluster-id=" + clusterId(), "-c", properties.toString(), "--ignore-formatted")),
            Map.of(), dataDir, log);
        int exit = format.waitFor(Duration.ofSeconds(60));
        if (exit != 0) {
          throw new LaunchException("formatting Kafka storage failed (exit " + exit + "), see " + log);
        }
      }
      ChildProcess broker = ChildProcess.start("kafka",
          ChildProcess.java(JVM, classpath, "kafka.Kafka", List.of(properties.toString())),
          Map.of(), dataDir, log);
      broker.awaitReady(READY_TIMEOUT,
          () -> FreePorts.isListening(port) && broker.logContains("Kafka Server started"));
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare Kafka in " + dataDir, e);
    }
  }

  /** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding. */
  private static String clusterId() {
    UUID uuid = UUID.randomUUID();
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }
}

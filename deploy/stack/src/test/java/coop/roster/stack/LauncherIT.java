package coop.roster.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher's own promises: persistence for the local stack, and nothing left behind. */
class LauncherIT {

  @Test
  void stoppingTheInfrastructureLeavesNoProcessBehind(@TempDir Path data) {
    Settings settings = new Settings(data, data.resolve("logs"), Settings.defaultCacheDir(), false,
        List.of(), List.of(), 1);
    Infrastructure infrastructure = Infrastructure.processes(settings, name -> null);
    List<ProcessHandle> before = ProcessHandle.current().children().toList();
    infrastructure.start(Part.KAFKA);
    infrastructure.start(Part.MONGODB);
    infrastructure.start(Part.SMTP);
    List<ProcessHandle> children = ProcessHandle.current().children()
        .filter(child -> !before.contains(child) && child.info().command().orElse("").endsWith("java"))
        .toList();
    assertThat(children).hasSize(3);

    infrastructure.close();

    assertThat(children).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void aStoppedBrokerComesBackOnItsPortWithItsTopics(@TempDir Path data) throws Exception {
    try (Infrastructure infrastructure = Infrastructure.processes(new Settings(null, data, data, false,
        List.of(), List.of(), 1), name -> null)) {
      String brokers = infrastructure.start(Part.KAFKA).get(Endpoints.KAFKA_BOOTSTRAP_SERVERS);
      int port = Integer.parseInt(brokers.substring(brokers.lastIndexOf(':') + 1));
      createTopic(port, "survives.restart");

      infrastructure.stop(Part.KAFKA);
      assertThat(FreePorts.isListening(port)).isFalse();
      assertThat(infrastructure.start(Part.KAFKA)).containsEntry(Endpoints.KAFKA_BOOTSTRAP_SERVERS, brokers);

      assertThat(topics(port)).contains("survives.restart");
    }
  }

  private static void createTopic(int port, String topic) throws Exception {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port))) {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  private static java.util.Set<String> topics(int port) throws Exception {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port))) {
      return admin.listTopics().names().get();
    }
  }

  @Test
  void aPartWhoseVariablesAreSetIsNotStarted(@TempDir Path data) {
    Map<String, String> environment = Map.of(Endpoints.MONGODB_URI, "mongodb://mongo.example.org:27017");
    try (Infrastructure infrastructure = Infrastructure.processes(new Settings(data, data, data, false,
        List.of(), List.of(), 1), environment::get)) {
      assertThat(infrastructure.start(Part.MONGODB)).isEqualTo(environment);
      assertThat(infrastructure.environment()).isEqualTo(environment);
    }
  }

  @Test
  void aTakenFixedPortIsNamedInTheError(@TempDir Path data) throws Exception {
    try (var taken = new java.net.ServerSocket(Settings.SMTP_PORT, 1, java.net.InetAddress.getLoopbackAddress());
         Infrastructure infrastructure = Infrastructure.processes(new Settings(data, data, data, true,
             List.of(), List.of(), 1), name -> null)) {
      assertThatThrownBy(() -> infrastructure.start(Part.SMTP))
          .isInstanceOf(LaunchException.class)
          .hasMessageContaining("port " + Settings.SMTP_PORT)
          .hasMessageContaining("SMTP_HOST");
    }
  }
}

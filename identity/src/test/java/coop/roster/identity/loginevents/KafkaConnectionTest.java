package coop.roster.identity.loginevents;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class KafkaConnectionTest {

  @Test
  void withoutOptionsItIsPlainTextToTheLocalBroker() {
    KafkaConnection connection = KafkaConnection.from(option -> null);

    assertThat(connection.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(connection.security()).isEmpty();
  }

  @Test
  void aClustersTlsListenerWithScramGetsEveryProducerSettingItNeeds() {
    String ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"keycloak\" "
        + "password=\"s3cret\";";
    Map<String, String> options = Map.of("bootstrap-servers", "roster-kafka-kafka-bootstrap:9093",
        "security-protocol", "SASL_SSL", "sasl-mechanism", "SCRAM-SHA-512", "sasl-jaas-config", jaas,
        "ssl-truststore-certificates", ca);

    KafkaConnection connection = KafkaConnection.from(options::get);

    assertThat(connection.bootstrapServers()).isEqualTo("roster-kafka-kafka-bootstrap:9093");
    assertThat(connection.security()).containsOnly(entry("security.protocol", "SASL_SSL"),
        entry("sasl.mechanism", "SCRAM-SHA-512"), entry("sasl.jaas.config", jaas),
        entry("ssl.truststore.type", "PEM"), entry("ssl.truststore.certificates", ca));
    assertThat(connection.toString()).doesNotContain("s3cret");
  }
}

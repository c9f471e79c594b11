package coop.roster.identity.loginevents;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where and how the listener reaches Kafka, from its options: the brokers, and for a cluster's
 * TLS listener with SCRAM (Strimzi) the security protocol, the SASL mechanism, the JAAS line of the
 * KafkaUser's Secret and the cluster CA as PEM text. Options left out keep Kafka's defaults
 * (plain text on a laptop).
 *
 * @param bootstrapServers the brokers
 * @param security         producer settings for TLS and SASL, empty for plain text
 */
record KafkaConnection(String bootstrapServers, Map<String, Object> security) {

  static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  /** Reads the options ({@code null} when not set). */
  static KafkaConnection from(UnaryOperator<String> option) {
    Map<String, Object> security = new LinkedHashMap<>();
    putIfSet(security, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, option.apply("security-protocol"));
    putIfSet(security, SaslConfigs.SASL_MECHANISM, option.apply("sasl-mechanism"));
    putIfSet(security, SaslConfigs.SASL_JAAS_CONFIG, option.apply("sasl-jaas-config"));
    String ca = option.apply("ssl-truststore-certificates");
    if (ca != null && !ca.isBlank()) {
      security.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      security.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, ca);
    }
    String brokers = option.apply("bootstrap-servers");
    return new KafkaConnection(brokers == null || brokers.isBlank() ? DEFAULT_BOOTSTRAP_SERVERS : brokers,
        Map.copyOf(security));
  }

  private static void putIfSet(Map<String, Object> settings, String key, String value) {
    if (value != null && !value.isBlank()) {
      settings.put(key, value.strip());
    }
  }

  /** Never prints the JAAS line (it holds the password). */
  @Override
  public String toString() {
    return bootstrapServers + " " + security.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
  }
}

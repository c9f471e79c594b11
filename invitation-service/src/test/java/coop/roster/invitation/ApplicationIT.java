package coop.roster.invitation;

import coop.roster.invitation.testing.RunningService;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts on the real infrastructure and answers what Kubernetes and Prometheus ask. */
class ApplicationIT extends RunningService {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void isLiveAndReady() throws Exception {
    assertThat(get("/actuator/health/liveness")).contains("\"UP\"");
    assertThat(get("/actuator/health/readiness")).contains("\"UP\"");
    assertThat(get("/actuator/health")).contains("\"UP\"");
  }

  @Test
  void exposesItsMetricsToPrometheus() throws Exception {
    assertThat(get("/actuator/prometheus")).contains("service=\"invitation-service\"",
        "roster_invitations_sent_total", "roster_invitations_failed_total{kind=\"permanent\"",
        "roster_invitations_failed_total{kind=\"transient\"", "roster_smtp_send_seconds",
        // The consumer lag of every binding, as the Kafka binder measures it.
        "spring_cloud_stream_binder_kafka_offset{group=\"invitation-service\"",
        "topic=\"invitations.requested.v1\"");
  }

  private String get(String path) throws Exception {
    String port = environment.getRequiredProperty("local.server.port");
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}

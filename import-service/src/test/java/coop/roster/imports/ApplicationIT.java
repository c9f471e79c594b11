package coop.roster.imports;

import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts on the real infrastructure and answers what Kubernetes and Prometheus ask. */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB})
// Closed after the class: its publisher would otherwise take part in RestartIT's jobs as another replica.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationIT {

  @Autowired
  Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void isLiveAndReady() throws Exception {
    assertThat(get("/actuator/health/liveness")).contains("\"UP\"");
    assertThat(get("/actuator/health/readiness")).contains("\"UP\"");
    assertThat(get("/actuator/health")).contains("\"UP\"");
  }

  @Test
  void exposesPrometheusMetricsTaggedWithTheServiceName() throws Exception {
    assertThat(get("/actuator/prometheus")).contains("service=\"import-service\"");
  }

  @Test
  void describesItsApiWithOpenApi() throws Exception {
    assertThat(get("/v3/api-docs")).contains("/api/groups/{groupId}/imports/{importId}/confirmation")
        .contains("/api/imports/template");
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

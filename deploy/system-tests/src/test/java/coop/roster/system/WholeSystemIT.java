package coop.roster.system;

import coop.roster.stack.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every service starts from its jar on the real infrastructure and reports itself ready. */
@ExtendWith(RosterSystem.class)
class WholeSystemIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyServiceIsUpAndReady(RosterSystem system) throws Exception {
    for (String service : Services.BACKENDS) {
      assertThat(get(system.url(service) + "/actuator/health")).as(service).contains("\"UP\"");
    }
    assertThat(get(system.gatewayUrl() + "/actuator/health")).contains("\"UP\"");
  }

  private String get(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }
}

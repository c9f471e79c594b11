package coop.roster.system.tracing;

import coop.roster.stack.Services;
import coop.roster.system.RosterSystem;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator's "Envoyer des invitations" carries a W3C trace context; its trace id is the one invitation-service
 * logs when it hands the mail to the relay: HTTP → member-service → Kafka → invitation-service → SMTP.
 */
@ExtendWith(RosterSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Order(1)
  void theInvitationMailIsLoggedWithTheTraceIdOfTheRequestThatAskedForIt(RosterSystem system) throws Exception {
    String memberService = system.url(Services.BACKENDS.getFirst());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String groupId = "tracing-" + suffix;
    String coordinator = "coordinatrice." + suffix + "@tracing.example";
    String memberEmail = "zoe." + suffix + "@tracing.example";

    String admin = system.accounts().platformAdminToken("admin." + suffix + "@roster.example");
    HttpRequest createGroup = post(memberService + "/api/groups", admin, Map.of("id", groupId, "name",
        "AMAP " + suffix, "coordinator", Map.of("email", coordinator, "firstName", "Élise", "lastName", "Dupré")))
        .build();
    // The first token makes the service read Keycloak's configuration, which a crowded machine may time out.
    eventually(() -> status(createGroup) != 401, Duration.ofMinutes(1), "member-service reads Keycloak's keys");
    String token = system.accounts().coordinatorToken(coordinator, groupId);
    String memberId = send(post(memberService + "/api/groups/" + groupId + "/members", token,
        Map.of("firstName", "Zoé", "lastName", "Château", "email", memberEmail)).build(), 201).get("id").asString();

    String traceId = randomHex(16);
    JsonNode requested = send(post(memberService + "/api/groups/" + groupId + "/invitations", token,
        Map.of("memberIds", List.of(memberId))).header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
        .build(), 202);
    assertThat(requested.get("count").asInt()).as(requested.toString()).isEqualTo(1);

    eventually(() -> mails(system.mailApiUrl(), memberEmail) == 1, Duration.ofMinutes(5), "the invitation mailed");
    Path log = system.services().first(Services.BACKENDS.get(2)).process().log();
    String handedOver = found(() -> line(log, "Invitation of member " + memberId), Duration.ofSeconds(30),
        "invitation-service's line for the mail");
    assertThat(handedOver).contains("accepted by the relay").contains(traceId);
  }

  /** After the first test, so that the services have run long enough to have tried (metrics push every minute). */
  @Test
  @Order(2)
  void noServiceTriesToExportWhenNoCollectorIsConfigured(RosterSystem system) throws Exception {
    for (String service : Services.BACKENDS) {
      try (var lines = Files.lines(system.services().first(service).process().log(), StandardCharsets.UTF_8)) {
        assertThat(lines.filter(line -> line.contains("Failed to export") || line.contains("OTLP")))
            .as(service).isEmpty();
      }
    }
  }

  private static HttpRequest.Builder post(String url, String token, Object body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
  }

  private JsonNode send(HttpRequest request, int expectedStatus) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  private int status(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isIn(201, 401);
      return response.statusCode();
    } catch (IOException e) {
      return 401;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 401;
    }
  }

  private int mails(String api, String email) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/user/"
          + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()).size() : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static String line(Path log, String text) {
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(line -> line.contains(text)).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static void eventually(BooleanSupplier condition, Duration within, String what)
      throws InterruptedException {
    found(() -> condition.getAsBoolean() ? "" : null, within, what);
  }

  private static <T> T found(Supplier<T> found, Duration within, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    T value;
    while ((value = found.get()) == null) {
      assertThat(Instant.now()).as(what + " within " + within).isBefore(deadline);
      Thread.sleep(200);
    }
    return value;
  }
}

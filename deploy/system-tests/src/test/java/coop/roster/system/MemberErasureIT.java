package coop.roster.system;

import coop.roster.stack.Services;
import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member imported, invited (the mail received), then deleted: before, each service's API gives what "Télécharger
 * ses données" gathers about them (the file itself fetched through the gateway in Chromium); after, none has anything
 * about them and Keycloak has no account for them. Over HTTP, with the coordinator's token, as the gateway calls the
 * services. Screenshot in {@code target/screenshots/erasure-download}.
 */
@ExtendWith(RosterSystem.class)
class MemberErasureIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aDeletedMemberLeavesNothingInAnyServiceNorAnAccountWhileTheirDataWasDownloadableBefore(RosterSystem system) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String group = "erasure-" + suffix;
    String coordinator = "elise." + suffix + "@erasure.example";
    String zoe = "zoe." + suffix + "@erasure.example";
    system.createGroup(group, "AMAP " + suffix, coordinator, "Élise", "Dupré");
    // Access tokens live 5 minutes and a crowded machine may take longer: a new one every minute.
    FreshToken token = new FreshToken(() -> system.accounts().coordinatorToken(coordinator, group));
    String members = system.url(Services.BACKENDS.get(0)) + "/api/groups/" + group;
    String imports = system.url(Services.BACKENDS.get(1)) + "/api/groups/" + group;
    String invitations = system.url(Services.BACKENDS.get(2)) + "/api/groups/" + group;

    JsonNode preview = upload(imports + "/imports", token, ("Prénom;Nom;Courriel;Téléphone\r\nZoé;Château;" + zoe
        + ";06 12 34 56 78\r\n").getBytes(StandardCharsets.UTF_8));
    String importId = preview.path("id").asString();
    send(post(imports + "/imports/" + importId + "/confirmation", token, Map.of("policy", "SKIP", "consent", true)),
        202);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
        "COMPLETED".equals(get(imports + "/imports/" + importId, token).path("status").asString()));
    String memberId = memberId(members, token, zoe);
    send(post(members + "/invitations", token, Map.of("memberIds", List.of(memberId))), 202);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> mails(system.mailApiUrl(), zoe) == 1);

    // "Télécharger ses données" on the member's page, fetched with the coordinator's session as the link would.
    JsonNode downloaded = downloadedThroughTheGateway(system, group, memberId, coordinator);
    assertThat(downloaded.path("member").path("person").path("email").asString()).isEqualTo(zoe);
    assertThat(downloaded.path("imports").path("imported").get(0).path("importId").asString()).isEqualTo(importId);
    assertThat(downloaded.path("invitations").path("memberId").asString()).isEqualTo(memberId);

    // What it gathers, service by service, before the deletion.
    assertThat(get(members + "/members/" + memberId, token).path("person").path("phone").asString())
        .isEqualTo("06 12 34 56 78");
    JsonNode invited = await().atMost(PATIENCE).until(() -> get(invitations + "/members/" + memberId + "/invitations",
        token), data -> data.path("invitations").size() == 1);
    assertThat(invited.path("invitations").get(0).path("state").asString()).isEqualTo("SENT");
    assertThat(invited.path("account").path("exists").asBoolean()).isTrue();
    JsonNode imported = get(imports + "/imports/members/" + memberId, token);
    assertThat(imported.path("imported").get(0).path("importId").asString()).isEqualTo(importId);
    assertThat(system.accounts().user(zoe)).isNotNull();

    send(HttpRequest.newBuilder(URI.create(members + "/members/" + memberId)).header("Authorization", "Bearer "
        + token.value()).DELETE().build(), 204);

    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> system.accounts().user(zoe) == null);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
        get(invitations + "/members/" + memberId + "/invitations", token).path("invitations").isEmpty()
            && get(imports + "/imports/members/" + memberId, token).path("imported").isEmpty());
    assertThat(status(members + "/members/" + memberId, token)).isEqualTo(404);
    assertThat(get(invitations + "/members/" + memberId + "/invitations", token).path("email").isNull()).isTrue();
    assertThat(get(members + "/members?selection=ALL&size=200&sort=lastName,asc", token).toString())
        .doesNotContain(zoe, "Château");
    assertThat(get(imports + "/imports/" + importId, token).toString().toLowerCase(Locale.ROOT)).doesNotContain(zoe);
  }

  private static JsonNode downloadedThroughTheGateway(RosterSystem system, String group, String memberId,
      String coordinator) {
    try (Browser elise = Browser.open("erasure-download")) {
      elise.go(system.gatewayUrl() + "/groups/" + group + "/members/" + memberId);
      elise.await(driver -> driver.findElements(By.id("kc-form-login")).size() == 1);
      elise.type(By.id("username"), coordinator).type(By.id("password"), TestAccounts.PASSWORD);
      elise.click(By.id("kc-login"));
      elise.awaitText(By.tagName("h1"), "Zoé Château");
      elise.screenshot("telecharger-ses-donnees");
      String href = elise.find(By.linkText("Télécharger ses données")).getAttribute("href");
      Object body = ((JavascriptExecutor) elise.driver()).executeAsyncScript(
          "var done = arguments[arguments.length - 1];"
              + "fetch(arguments[0]).then(function (r) { return r.text(); }).then(done);", href);
      return JSON.readTree(String.valueOf(body));
    }
  }

  /** The coordinator's access token, asked for again once it is a minute old. */
  private static final class FreshToken {
    private final Supplier<String> issue;
    private String token;
    private Instant issuedAt = Instant.MIN;

    FreshToken(Supplier<String> issue) {
      this.issue = issue;
    }

    synchronized String value() {
      if (issuedAt.isBefore(Instant.now().minus(Duration.ofMinutes(1)))) {
        token = issue.get();
        issuedAt = Instant.now();
      }
      return token;
    }
  }

  private String memberId(String members, FreshToken token, String email) {
    for (JsonNode member : get(members + "/members?selection=ALL&size=200&sort=lastName,asc", token)
        .path("members")) {
      if (member.path("person").path("email").asString().equals(email)) {
        return member.path("id").asString();
      }
    }
    throw new AssertionError(email + " is not in the roster");
  }

  private static HttpRequest post(String url, FreshToken token, Object body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token.value())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
  }

  private JsonNode upload(String url, FreshToken token, byte[] content) {
    String boundary = "roster-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"membres.csv\""
        + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token.value())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), 201);
  }

  private JsonNode get(String url, FreshToken token) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token.value()).build(),
        200);
  }

  private int status(String url, FreshToken token) {
    return answer(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token.value()).build())
        .statusCode();
  }

  private JsonNode send(HttpRequest request, int expected) {
    HttpResponse<String> response = answer(request);
    assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(expected);
    return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  private HttpResponse<String> answer(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int mails(String api, String email) {
    HttpResponse<String> response = answer(HttpRequest.newBuilder(URI.create(api + "/api/user/"
        + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build());
    return response.statusCode() == 200 ? JSON.readTree(response.body()).size() : 0;
  }
}

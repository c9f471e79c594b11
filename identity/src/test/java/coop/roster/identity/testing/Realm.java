package coop.roster.identity.testing;

import coop.roster.stack.Endpoints;
import coop.roster.stack.keycloak.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The realm {@code roster} of the Keycloak the launcher started, as its clients call it. */
public final class Realm {

  /** invitation-service's local-development secret, from the realm file's default. */
  public static final String INVITATION_SERVICE_SECRET = "local-dev-invitation-service-secret";
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final String url;
  private final TestAccounts accounts;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Realm(String url, TestAccounts accounts) {
    this.url = url;
    this.accounts = accounts;
  }

  /** From the system properties {@code @RosterInfrastructure} sets. */
  public static Realm fromSystemProperties() {
    return new Realm(System.getProperty(Endpoints.KEYCLOAK_URL), TestAccounts.fromSystemProperties());
  }

  /** Of a Keycloak a test started itself, from the variables the launcher answered for it. */
  public static Realm of(Map<String, String> keycloakVariables) {
    return new Realm(keycloakVariables.get(Endpoints.KEYCLOAK_URL), TestAccounts.from(keycloakVariables));
  }

  public String url() {
    return url + "/realms/" + TestAccounts.REALM;
  }

  public TestAccounts accounts() {
    return accounts;
  }

  /** An access token of invitation-service's service account (client credentials). */
  public String invitationServiceToken() {
    return form("/protocol/openid-connect/token", Map.of("grant_type", "client_credentials",
        "client_id", "invitation-service", "client_secret", INVITATION_SERVICE_SECRET)).body().get("access_token")
        .asString();
  }

  /** {@code POST /invitations/links} with this bearer token (none when {@code null}). */
  public Answer mintLinks(String token, Object body, String acceptLanguage) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/invitations/links"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (acceptLanguage != null) {
      request.header("Accept-Language", acceptLanguage);
    }
    return send(request);
  }

  /** The links endpoint's answer for {@code emails}, as invitation-service would ask. */
  public JsonNode links(String clientId, String redirectUri, long lifetimeSeconds, List<String> emails) {
    Answer answer = mintLinks(invitationServiceToken(), Map.of("clientId", clientId, "redirectUri", redirectUri,
        "lifetimeSeconds", lifetimeSeconds, "emails", emails), null);
    if (answer.status() != 200) {
      throw new IllegalStateException("minting links answered " + answer.status() + ": " + answer.body());
    }
    return answer.body().get("links");
  }

  /**
   * A member as invitation-service creates them: an account with a unique e-mail and no password
   * yet. Answers the e-mail.
   */
  public String newMember() {
    String email = "member-" + UUID.randomUUID() + "@example.org";
    accounts.admin("POST", "/users", Map.of("username", email, "email", email, "enabled", true,
        "firstName", "Camille", "lastName", "Martin"), 201);
    return email;
  }

  /**
   * A public client for a test, standing for the web UI: standard flow, redirects only under
   * {@code redirectBase}. Answers its client id.
   */
  public String createWebClient(String redirectBase) {
    String clientId = "roster-web-test-" + UUID.randomUUID();
    ObjectNode client = JSON.createObjectNode()
        .put("clientId", clientId)
        .put("publicClient", true)
        .put("standardFlowEnabled", true)
        .put("directAccessGrantsEnabled", false);
    client.putArray("redirectUris").add(redirectBase + "/*");
    accounts.admin("POST", "/clients", client, 201);
    return clientId;
  }

  /** Exchanges an authorization code of a public client for its tokens. */
  public JsonNode tokensForCode(String clientId, String code, String redirectUri) {
    Answer answer = form("/protocol/openid-connect/token", Map.of("grant_type", "authorization_code",
        "client_id", clientId, "code", code, "redirect_uri", redirectUri));
    if (answer.status() != 200) {
      throw new IllegalStateException("code exchange answered " + answer.status() + ": " + answer.body());
    }
    return answer.body();
  }

  /**
   * A password login through the direct grant of {@link TestAccounts}' test client (which exists
   * once {@link TestAccounts} made a token); answers Keycloak's reply, whatever it is.
   */
  public Answer passwordLogin(String email, String password) {
    return form("/protocol/openid-connect/token", Map.of("grant_type", "password",
        "client_id", TestAccounts.TEST_CLIENT, "username", email, "password", password));
  }

  /** An access token of Keycloak's bootstrap administrator (master realm; it lives a minute). */
  public String adminToken() {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
            + encode(System.getProperty(Endpoints.KEYCLOAK_ADMIN_USERNAME)) + "&password="
            + encode(System.getProperty(Endpoints.KEYCLOAK_ADMIN_PASSWORD))));
    return send(request).body().get("access_token").asString();
  }

  /** A call to the realm's admin API with this bearer token. */
  public Answer adminCall(String token, String method, String path, Object body) {
    return send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/"
            + TestAccounts.REALM + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  public Answer form(String path, Map<String, String> fields) {
    return send(HttpRequest.newBuilder(URI.create(url() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&")))));
  }

  public Answer get(String pathOrUrl, String acceptLanguage) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl
        : url() + pathOrUrl)).GET();
    if (acceptLanguage != null) {
      request.header("Accept-Language", acceptLanguage);
    }
    return send(request);
  }

  /** Claims of a JWT, unverified (Keycloak issued it to the test). */
  public static JsonNode claims(String jwt) {
    return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
      } catch (RuntimeException notJson) {
        body = JSON.createObjectNode().put("text", response.body());
      }
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body,
          response.body());
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer: status, content type, body as JSON (or {@code {"text": ...}}) and as text. */
  public record Answer(int status, String contentType, JsonNode body, String text) {
  }
}

package coop.roster.stack.keycloak;

import coop.roster.stack.Endpoints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
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
import java.util.stream.Collectors;

/**
 * People in the realm {@code roster} for integration tests: users created (or brought up to date)
 * through Keycloak's admin API, and access tokens Keycloak really issues for them. Tokens come from
 * a public test client {@code roster-tests} that carries the same protocol mappers as the gateway
 * client, so they have the claims the services read ({@code roster_groups}, the {@code roster-api}
 * audience, {@code realm_access.roles}, e-mail and names).
 */
public final class TestAccounts {

  /** The password of every test account. */
  public static final String PASSWORD = "correct-horse-battery-staple";
  public static final String REALM = "roster";
  public static final String TEST_CLIENT = "roster-tests";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String keycloakUrl;
  private final String adminUsername;
  private final String adminPassword;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private boolean clientReady;

  public TestAccounts(String keycloakUrl, String adminUsername, String adminPassword) {
    this.keycloakUrl = keycloakUrl;
    this.adminUsername = adminUsername;
    this.adminPassword = adminPassword;
  }

  /** From the variables the launcher published for Keycloak ({@code KEYCLOAK_URL} and the admin's). */
  public static TestAccounts from(Map<String, String> keycloakVariables) {
    return new TestAccounts(keycloakVariables.get(Endpoints.KEYCLOAK_URL),
        keycloakVariables.get(Endpoints.KEYCLOAK_ADMIN_USERNAME),
        keycloakVariables.get(Endpoints.KEYCLOAK_ADMIN_PASSWORD));
  }

  /** From the system properties {@code @RosterInfrastructure} sets. */
  public static TestAccounts fromSystemProperties() {
    return new TestAccounts(System.getProperty(Endpoints.KEYCLOAK_URL),
        System.getProperty(Endpoints.KEYCLOAK_ADMIN_USERNAME),
        System.getProperty(Endpoints.KEYCLOAK_ADMIN_PASSWORD));
  }

  /** A person as the test wants them in Keycloak. */
  public record Person(String email, String firstName, String lastName, List<String> coordinatedGroups,
      boolean platformAdmin) {

    public static Person coordinator(String email, String... groupIds) {
      return new Person(email, "Test", "Coordinator", List.of(groupIds), false);
    }

    public static Person platformAdmin(String email) {
      return new Person(email, "Test", "Admin", List.of(), true);
    }

    public static Person member(String email) {
      return new Person(email, "Test", "Member", List.of(), false);
    }
  }

  /** Creates or updates the person (password {@link #PASSWORD}) and answers a fresh access token. */
  public String accessToken(Person person) {
    ensureUser(person);
    return token(person.email(), PASSWORD);
  }

  /** A coordinator of these groups, and their token. */
  public String coordinatorToken(String email, String... groupIds) {
    return accessToken(Person.coordinator(email, groupIds));
  }

  /** A platform administrator, and their token. */
  public String platformAdminToken(String email) {
    return accessToken(Person.platformAdmin(email));
  }

  /** Logs in with a password through the test client (a password grant, as a login would). */
  public String token(String email, String password) {
    ensureTestClient();
    JsonNode response = send(HttpRequest.newBuilder(realmUri("/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(form(Map.of("grant_type", "password", "client_id", TEST_CLIENT, "username", email,
            "password", password))), 200);
    return response.get("access_token").asString();
  }

  /**
   * Lets the gateway client log people in from a gateway at this address (tests run it on a free port,
   * where the realm file allows {@code GATEWAY_URL}, the local stack's): its redirect and post-logout
   * URIs get {@code <gatewayUrl>/*}, besides those it has.
   */
  public void allowGatewayAt(String gatewayUrl) {
    ObjectNode gateway = (ObjectNode) admin("GET", "/clients?clientId=gateway", null, 200).get(0);
    String pattern = gatewayUrl + "/*";
    ArrayNode redirects = (ArrayNode) gateway.path("redirectUris");
    if (redirects.valueStream().noneMatch(uri -> uri.asString().equals(pattern))) {
      redirects.add(pattern);
    }
    ObjectNode attributes = (ObjectNode) gateway.path("attributes");
    String logouts = attributes.path("post.logout.redirect.uris").asString("");
    if (!List.of(logouts.split("##")).contains(pattern)) {
      attributes.put("post.logout.redirect.uris", logouts.isEmpty() ? pattern : logouts + "##" + pattern);
    }
    admin("PUT", "/clients/" + gateway.get("id").asString(), gateway, 204);
  }

  /** Keycloak's id of the user with this e-mail, or {@code null}. */
  public String userId(String email) {
    JsonNode users = admin("GET", "/users?exact=true&email=" + encode(email), null, 200);
    return users.isEmpty() ? null : users.get(0).get("id").asString();
  }

  /**
   * The user's representation as Keycloak's admin API gives it (its search answers full representations), or
   * {@code null}; read in one call, so a user deleted meanwhile is absent rather than an error.
   */
  public JsonNode user(String email) {
    JsonNode users = admin("GET", "/users?exact=true&email=" + encode(email), null, 200);
    return users.isEmpty() ? null : users.get(0);
  }

  /** Deletes the user if they exist. */
  public void deleteUser(String email) {
    String id = userId(email);
    if (id != null) {
      admin("DELETE", "/users/" + id, null, 204);
    }
  }

  /** A call to the realm's admin API as the bootstrap administrator. */
  public JsonNode admin(String method, String path, Object body, int expectedStatus) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloakUrl + "/admin/realms/" + REALM + path))
        .header("Authorization", "Bearer " + adminToken())
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    return send(request, expectedStatus);
  }

  private void ensureUser(Person person) {
    ObjectNode user = JSON.createObjectNode()
        .put("username", person.email())
        .put("email", person.email())
        .put("emailVerified", true)
        .put("enabled", true)
        .put("firstName", person.firstName())
        .put("lastName", person.lastName());
    ArrayNode groups = user.putObject("attributes").putArray("roster_groups");
    person.coordinatedGroups().forEach(groups::add);
    String id = userId(person.email());
    if (id == null) {
      try {
        admin("POST", "/users", user, 201);
      } catch (IllegalStateException exists) {
        // invitation-service may create the same person's account meanwhile (a coordinator, a member):
        // then it is updated like any existing one.
        if (!exists.getMessage().contains(" answered 409")) {
          throw exists;
        }
      }
      id = userId(person.email());
    }
    admin("PUT", "/users/" + id, user, 204);
    admin("PUT", "/users/" + id + "/reset-password",
        Map.of("type", "password", "value", PASSWORD, "temporary", false), 204);
    JsonNode role = admin("GET", "/roles/platform-admin", null, 200);
    admin(person.platformAdmin() ? "POST" : "DELETE", "/users/" + id + "/role-mappings/realm", List.of(role), 204);
  }

  private synchronized void ensureTestClient() {
    if (clientReady) {
      return;
    }
    if (admin("GET", "/clients?clientId=" + TEST_CLIENT, null, 200).isEmpty()) {
      JsonNode gateway = admin("GET", "/clients?clientId=gateway", null, 200).get(0);
      ObjectNode client = JSON.createObjectNode()
          .put("clientId", TEST_CLIENT)
          .put("publicClient", true)
          .put("directAccessGrantsEnabled", true)
          .put("standardFlowEnabled", false);
      ArrayNode mappers = client.putArray("protocolMappers");
      for (JsonNode mapper : gateway.path("protocolMappers")) {
        ObjectNode copy = (ObjectNode) mapper.deepCopy();
        copy.remove("id");
        mappers.add(copy);
      }
      admin("POST", "/clients", client, 201);
    }
    clientReady = true;
  }

  private String adminToken() {
    JsonNode response = send(HttpRequest.newBuilder(URI.create(keycloakUrl
            + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", adminUsername,
            "password", adminPassword))), 200);
    return response.get("access_token").asString();
  }

  private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
            + response.statusCode() + ": " + response.body());
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak at " + keycloakUrl + " did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI realmUri(String path) {
    return URI.create(keycloakUrl + "/realms/" + REALM + path);
  }

  private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&")));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

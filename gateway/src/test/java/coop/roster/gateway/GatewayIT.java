package coop.roster.gateway;

import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway on a real Keycloak: who gets in, how forms are protected, what a person reads when a
 * service is away. The services are not running here (their addresses lead nowhere): pages that need
 * them show the "try again" page, as they would during an outage.
 */
@RosterInfrastructure(Part.KEYCLOAK)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIT {

  private static final String NOWHERE = "http://127.0.0.1:" + unusedPort();

  @DynamicPropertySource
  static void backendsAreAway(DynamicPropertyRegistry registry) {
    registry.add("roster.backends.member-service", () -> NOWHERE);
    registry.add("roster.backends.import-service", () -> NOWHERE);
    registry.add("roster.backends.invitation-service", () -> NOWHERE);
  }

  @LocalServerPort
  int port;

  private final TestAccounts accounts = TestAccounts.fromSystemProperties();
  private final KeycloakLogin browser = new KeycloakLogin();

  @BeforeEach
  void allowThisGateway() {
    accounts.allowGatewayAt(gateway(""));
  }

  @Test
  void sendsAVisitorToKeycloaksLoginPageWithPkce() throws Exception {
    HttpResponse<String> page = browser.get(gateway("/groups/amap-des-lilas/members"));
    assertThat(page.statusCode()).isEqualTo(302);
    HttpResponse<String> start = browser.get(location(page));
    String authorization = location(start);
    assertThat(authorization).startsWith(System.getProperty("KEYCLOAK_URL") + "/realms/roster/protocol/openid-connect/auth")
        .contains("client_id=gateway", "response_type=code", "code_challenge_method=S256", "code_challenge=",
            "ui_locales=fr");
    assertThat(browser.get(authorization).body()).contains("kc-form-login");
  }

  @Test
  void answersAnApiCallWithoutALogin401() throws Exception {
    assertThat(browser.get(gateway("/api/groups")).statusCode()).isEqualTo(401);
  }

  @Test
  void showsHowToLogInToAnybodyInFrenchOrEnglish() throws Exception {
    HttpResponse<String> french = browser.get(gateway("/comment-se-connecter"));
    assertThat(french.statusCode()).isEqualTo(200);
    assertThat(french.body()).contains("Comment se connecter à Roster", "Mot de passe oublié ?");
    HttpResponse<String> english = browser.get(gateway("/how-to-log-in"));
    assertThat(english.body()).contains("How to log in to Roster", "Forgot your password?");
  }

  @Test
  void servesPagesWithAContentSecurityPolicyThatAllowsNoInlineScript() throws Exception {
    HttpResponse<String> page = browser.get(gateway("/comment-se-connecter"));
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
            "form-action 'self' " + System.getProperty("KEYCLOAK_URL") + ";")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.body()).doesNotContain("<script>", "style=\"");
  }

  @Test
  void logsACoordinatorInThroughKeycloakAndBringsThemBackToThePageTheyAsked() throws Exception {
    HttpResponse<String> page = loggedIn("login@gateway-it.example");
    assertThat(page.uri().getPort()).isEqualTo(port);
    assertThat(page.uri().getPath()).isEqualTo("/");
    assertThat(page.body()).as("the header names who is logged in").contains("Test Coordinator", "Se déconnecter");
  }

  @Test
  void refusesAFormPostedWithoutItsCsrfToken() throws Exception {
    loggedIn("csrf@gateway-it.example");
    HttpResponse<String> refused = browser.post(gateway("/groups/amap-des-lilas/members/new"),
        "email=pirate%40example.org&firstName=P&lastName=P");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Cette page a expiré");
  }

  @Test
  void tellsTheCoordinatorToTryAgainWhenAServiceIsAway() throws Exception {
    HttpResponse<String> page = loggedIn("outage@gateway-it.example");
    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body()).contains("Roster ne répond pas pour le moment", "Réessayer")
        .doesNotContain("Exception", "Whitelabel");

    HttpResponse<String> api = browser.get(gateway("/api/groups"));
    assertThat(api.statusCode()).isEqualTo(503);
    assertThat(api.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(api.body()).contains("ne répond pas pour le moment");
  }

  @Test
  void logsOutAtKeycloakToo() throws Exception {
    loggedIn("logout@gateway-it.example");
    String token = KeycloakLogin.csrfToken(browser.get(gateway("/comment-se-connecter")).body());
    HttpResponse<String> logout = browser.post(gateway("/logout"), "_csrf=" + KeycloakLogin.encode(token));
    assertThat(location(logout)).startsWith(System.getProperty("KEYCLOAK_URL")
        + "/realms/roster/protocol/openid-connect/logout").contains("id_token_hint=", "post_logout_redirect_uri=");
    HttpResponse<String> back = browser.followRedirects(logout);
    assertThat(back.uri().getPath()).isEqualTo("/deconnecte");
    assertThat(back.body()).contains("Vous êtes déconnecté(e)");
    assertThat(browser.get(gateway("/")).statusCode()).as("the session is gone").isEqualTo(302);
  }

  /** Logs a coordinator of amap-des-lilas in and answers the first page: the member list, or what stands for it. */
  private HttpResponse<String> loggedIn(String email) throws Exception {
    accounts.coordinatorToken(email, "amap-des-lilas");
    return browser.logIn(gateway("/"), email, TestAccounts.PASSWORD);
  }

  private String gateway(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static String location(HttpResponse<?> response) {
    return response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
  }

  private static int unusedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package coop.roster.identity.invitation;

import coop.roster.identity.testing.Realm;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts.Person;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The links endpoint as invitation-service calls it, against the real Keycloak with the extension. */
@RosterInfrastructure(Part.KEYCLOAK)
class InvitationLinksIT {

  private static final String GATEWAY_HOME = "http://127.0.0.1:8080/";

  private final Realm realm = Realm.fromSystemProperties();

  @Test
  void answersALinkToKeycloaksActionTokenPageForEachExistingMember() {
    String first = realm.newMember();
    String second = realm.newMember();

    JsonNode links = realm.links("gateway", GATEWAY_HOME, 3600, List.of(first, second));

    assertThat(links).hasSize(2);
    assertThat(links.get(0).get("email").asString()).isEqualTo(first);
    assertThat(links.get(1).get("email").asString()).isEqualTo(second);
    for (JsonNode link : links) {
      assertThat(link.get("link").asString())
          .startsWith(realm.url() + "/login-actions/action-token?key=")
          .contains("client_id=gateway");
      assertThat(Instant.parse(link.get("expiresAt").asString()))
          .isBetween(Instant.now().plusSeconds(3590), Instant.now().plusSeconds(3610));
      assertThat(link.has("error")).isFalse();
    }
  }

  @Test
  void answersAnErrorForAnUnknownEmailWithoutFailingTheOthers() {
    String known = realm.newMember();
    String unknown = "nobody-" + UUID.randomUUID() + "@example.org";

    JsonNode links = realm.links("gateway", GATEWAY_HOME, 3600, List.of(unknown, known));

    assertThat(links.get(0).get("email").asString()).isEqualTo(unknown);
    assertThat(links.get(0).get("error").asString()).isEqualTo("unknown-user");
    assertThat(links.get(0).has("link")).isFalse();
    assertThat(links.get(1).get("link").asString()).isNotBlank();
  }

  @Test
  void neverGivesALinkToServiceAccountsOrAdministrators() {
    String platformAdmin = "admin-" + UUID.randomUUID() + "@example.org";
    realm.accounts().platformAdminToken(platformAdmin);
    String serviceAccount = realm.accounts().admin("GET",
        "/users?username=service-account-invitation-service&exact=true", null, 200).get(0).get("id").asString();

    JsonNode links = realm.links("gateway", GATEWAY_HOME, 3600, List.of(platformAdmin));

    assertThat(links.get(0).get("error").asString()).isEqualTo("not-invitable");
    assertThat(serviceAccount).isNotBlank();
    // The service account has no e-mail: no invitation can even name it.
    assertThat(realm.accounts().admin("GET", "/users/" + serviceAccount, null, 200).has("email")).isFalse();
  }

  @Test
  void neverMintsALinkForAnAccountThatHasAPassword() {
    String invited = realm.newMember();
    String withPassword = realm.newMember();
    realm.accounts().admin("PUT", "/users/" + realm.accounts().userId(withPassword) + "/reset-password",
        Map.of("type", "password", "value", "une phrase que personne ne devine", "temporary", false), 204);

    JsonNode links = realm.links("gateway", GATEWAY_HOME, 3600, List.of(withPassword, invited));

    assertThat(links.get(0).get("error").asString()).isEqualTo("has-password");
    assertThat(links.get(0).has("link")).isFalse();
    assertThat(links.get(1).get("link").asString()).isNotBlank();
  }

  @Test
  void answersADisabledMemberWithAnError() {
    String email = realm.newMember();
    String id = realm.accounts().userId(email);
    realm.accounts().admin("PUT", "/users/" + id, Map.of("enabled", false), 204);

    JsonNode links = realm.links("gateway", GATEWAY_HOME, 3600, List.of(email));

    assertThat(links.get(0).get("error").asString()).isEqualTo("disabled-user");
  }

  @Test
  void refusesACallerWithoutTheInvitationIssuerRole() {
    String coordinatorToken = realm.accounts().coordinatorToken("coord-" + UUID.randomUUID() + "@example.org",
        "amap-des-lilas");
    String adminToken = realm.accounts().platformAdminToken("admin-" + UUID.randomUUID() + "@example.org");

    for (String token : List.of(coordinatorToken, adminToken)) {
      Realm.Answer answer = realm.mintLinks(token, request(List.of(realm.newMember())), null);

      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.body().get("code").asString()).isEqualTo("not-an-invitation-issuer");
      assertThat(answer.body().get("detail").asString()).contains("invitation-issuer");
    }
  }

  @Test
  void refusesAnAnonymousCaller() {
    Realm.Answer answer = realm.mintLinks(null, request(List.of(realm.newMember())), null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().get("code").asString()).isEqualTo("unauthenticated");
  }

  @Test
  void refusesABatchLargerThanTheLimitInFrenchOrInEnglish() {
    List<String> tooMany = new ArrayList<>(Collections.nCopies(InvitationLimits.DEFAULT_MAX_EMAILS + 1,
        "someone@example.org"));
    String token = realm.invitationServiceToken();

    Realm.Answer french = realm.mintLinks(token, request(tooMany), null);
    Realm.Answer english = realm.mintLinks(token, request(tooMany), "en-GB,en;q=0.8");

    assertThat(french.status()).isEqualTo(400);
    assertThat(french.body().get("code").asString()).isEqualTo("too-many-emails");
    assertThat(french.body().get("detail").asString()).startsWith("Au plus 500 adresses e-mail par appel");
    assertThat(english.body().get("detail").asString()).startsWith("At most 500 e-mail addresses per call");
  }

  @Test
  void refusesARedirectUriTheClientDoesNotAllow() {
    Realm.Answer answer = realm.mintLinks(realm.invitationServiceToken(),
        Map.of("clientId", "gateway", "redirectUri", "https://evil.example/", "lifetimeSeconds", 3600,
            "emails", List.of(realm.newMember())), null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().get("code").asString()).isEqualTo("redirect-uri-not-allowed");
  }

  @Test
  void refusesAnUnknownClient() {
    Realm.Answer answer = realm.mintLinks(realm.invitationServiceToken(),
        Map.of("clientId", "no-such-client", "redirectUri", GATEWAY_HOME, "lifetimeSeconds", 3600,
            "emails", List.of(realm.newMember())), null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().get("code").asString()).isEqualTo("unknown-client");
  }

  private static Map<String, Object> request(List<String> emails) {
    return Map.of("clientId", "gateway", "redirectUri", GATEWAY_HOME, "lifetimeSeconds", 3600, "emails", emails);
  }
}

package coop.roster.identity.realm;

import coop.roster.identity.testing.Realm;
import coop.roster.identity.testing.ThemeMessages;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.stack.keycloak.TestAccounts.Person;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The realm {@code roster} as imported from {@code roster-realm.json}, observed through Keycloak's APIs and pages. */
@RosterInfrastructure(Part.KEYCLOAK)
class RealmIT {

  private final Realm realm = Realm.fromSystemProperties();

  @Test
  void importsWithFrenchByDefaultEnglishAvailableAndRostersThemes() {
    JsonNode settings = realm.accounts().admin("GET", "", null, 200);

    assertThat(realm.get("", null).status()).isEqualTo(200);
    assertThat(settings.get("defaultLocale").asString()).isEqualTo("fr");
    assertThat(settings.get("supportedLocales").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("fr", "en");
    assertThat(settings.get("loginTheme").asString()).isEqualTo("roster");
    assertThat(settings.get("emailTheme").asString()).isEqualTo("roster");
    assertThat(settings.get("resetPasswordAllowed").asBoolean()).isTrue();
    assertThat(settings.get("loginWithEmailAllowed").asBoolean()).isTrue();
    assertThat(settings.get("eventsListeners").valueStream().map(JsonNode::asString)).contains("roster-kafka");
  }

  @Test
  void theLoginPageAsksForAnEmailAndPasswordInFrenchOrInEnglish() {
    String page = "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id=gateway"
        + "&redirect_uri=" + Realm.encode("http://127.0.0.1:8080/login/oauth2/code/keycloak")
        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s";

    String french = realm.get(page, null).text();
    String english = realm.get(page + "&ui_locales=en", null).text();

    assertThat(french).contains(ThemeMessages.login("fr", "loginAccountTitle"),
        ThemeMessages.login("fr", "email"), ThemeMessages.login("fr", "doForgotPassword"));
    assertThat(english).contains(ThemeMessages.login("en", "loginAccountTitle"),
        ThemeMessages.login("en", "email"), ThemeMessages.login("en", "doForgotPassword"));
  }

  @Test
  void passwordsNeedLengthNotComposition() {
    String email = realm.newMember();
    String id = realm.accounts().userId(email);

    JsonNode tooShort = reset(id, "fourteen chars", 400);
    reset(id, "onlylowercaseletters", 204);

    assertThat(tooShort.toString()).contains("invalidPasswordMinLengthMessage");
  }

  @Test
  void refusesAPasswordThatIsOneCharacterRepeatedOrACommonOne() {
    String email = realm.newMember();
    String id = realm.accounts().userId(email);

    JsonNode repeated = reset(id, "AaaaaaaaaaaaaaaaaaaA", 400);
    JsonNode common = reset(id, "qwertyuiop123456", 400);
    reset(id, "mes tomates poussent au soleil", 204);

    assertThat(repeated.toString()).contains("rosterInvalidPasswordOneCharacterRepeatedMessage");
    assertThat(common.toString()).contains("invalidPasswordBlacklistedMessage");
  }

  @Test
  void repeatedWrongPasswordsLockTheAccountForAWhile() {
    String email = "target-" + UUID.randomUUID() + "@example.org";
    realm.accounts().accessToken(Person.member(email));

    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(realm.passwordLogin(email, "guess number " + attempt + " is wrong").body().get("error").asString())
          .isEqualTo("invalid_grant");
    }
    Realm.Answer rightPassword = realm.passwordLogin(email, TestAccounts.PASSWORD);

    assertThat(rightPassword.status()).isEqualTo(400);
    assertThat(rightPassword.body().get("error").asString()).isEqualTo("invalid_grant");
    JsonNode detection = realm.accounts().admin("GET",
        "/attack-detection/brute-force/users/" + realm.accounts().userId(email), null, 200);
    assertThat(detection.get("disabled").asBoolean()).isTrue();
    assertThat(detection.get("numFailures").asInt()).isPositive();
  }

  @Test
  void theGatewayLogsInWithPkceAndComesBackOnlyToItsOwnAddress() {
    JsonNode gateway = realm.accounts().admin("GET", "/clients?clientId=gateway", null, 200).get(0);

    assertThat(gateway.get("publicClient").asBoolean()).isFalse();
    assertThat(gateway.get("standardFlowEnabled").asBoolean()).isTrue();
    assertThat(gateway.get("directAccessGrantsEnabled").asBoolean()).isFalse();
    assertThat(gateway.at("/attributes/pkce.code.challenge.method").asString()).isEqualTo("S256");
    // GATEWAY_URL is not set for this Keycloak: the realm file's default applies.
    assertThat(gateway.get("redirectUris").valueStream().map(JsonNode::asString))
        .containsExactly("http://127.0.0.1:8080/*");
  }

  @Test
  void invitationServiceMayManageUsersAndMintInvitationLinks() {
    String token = realm.invitationServiceToken();
    JsonNode claims = Realm.claims(token);

    assertThat(claims.at("/realm_access/roles").toString()).contains("invitation-issuer");
    assertThat(claims.at("/resource_access/realm-management/roles").toString()).contains("manage-users");
    String email = "by-invitation-service-" + UUID.randomUUID() + "@example.org";
    Realm.Answer created = realm.adminCall(token, "POST", "/users", Map.of("username", email, "email", email,
        "enabled", true));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(realm.adminCall(token, "GET", "/clients", null).status()).isEqualTo(403);
  }

  @Test
  void holdsNoDemoAccountOutsideTheLocalStack() {
    assertThat(realm.accounts().admin("GET", "/users?exact=true&email=elise@amap-des-lilas.example", null, 200))
        .isEmpty();
  }

  private JsonNode reset(String userId, String password, int expectedStatus) {
    return realm.accounts().admin("PUT", "/users/" + userId + "/reset-password",
        Map.of("type", "password", "value", password, "temporary", false), expectedStatus);
  }
}

package coop.roster.identity.invitation;

import coop.roster.events.MemberLoggedIn;
import coop.roster.events.PasswordSet;
import coop.roster.identity.testing.IdentityEventsTopic;
import coop.roster.identity.testing.Realm;
import coop.roster.identity.testing.ThemeMessages;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.testing.HeadlessChromium;
import coop.roster.testing.LandingPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invitation link as a member uses it, in headless Chromium against the real Keycloak: the
 * set-password page, the landing in the application logged in, and the link's single use and
 * expiry.
 */
@RosterInfrastructure({Part.KAFKA, Part.KEYCLOAK})
class InvitationBrowserIT {

  private static final String PASSWORD = "des radis et des poireaux tous les jeudis";

  private static LandingPage application;
  private static String clientId;
  private final Realm realm = Realm.fromSystemProperties();

  @BeforeAll
  static void anApplicationToLandIn() {
    application = new LandingPage();
    clientId = Realm.fromSystemProperties().createWebClient(application.base());
  }

  @AfterAll
  static void closeTheApplication() {
    application.close();
  }

  @Test
  void aMemberSetsTheirPasswordThroughTheLinkAndLandsInTheApplicationLoggedIn() {
    String email = realm.newMember();
    String landing = application.base() + "/bienvenue";
    String link = realm.links(clientId, landing, 3600, List.of(email)).get(0).get("link").asString();

    try (HeadlessChromium browser = new HeadlessChromium("fr-FR,fr");
        IdentityEventsTopic events = new IdentityEventsTopic()) {
      browser.open(link);
      browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("kc-passwd-update-form")));
      browser.screenshot("invitation-1-set-password-page");
      assertThat(browser.find(By.id("kc-page-title")).getText())
          .isEqualTo(ThemeMessages.login("fr", "updatePasswordTitle"));
      assertThat(browser.text()).contains(ThemeMessages.login("fr", "resetPasswordMessage"));

      browser.find(By.id("password-new")).sendKeys(PASSWORD);
      browser.find(By.id("password-confirm")).sendKeys(PASSWORD);
      browser.screenshot("invitation-2-password-typed");
      browser.find(By.id("kc-submit")).click();
      browser.await(driver -> driver.getCurrentUrl().startsWith(landing));
      browser.screenshot("invitation-3-landed-in-the-application");
      assertThat(browser.text()).contains("Bienvenue dans Roster");
      assertThat(browser.url()).doesNotContain("code=");

      // Logged in: the application's own authorization request is answered at once, without a form.
      browser.open(realm.url() + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id="
          + clientId + "&redirect_uri=" + Realm.encode(landing) + "&state=" + UUID.randomUUID());
      browser.await(driver -> driver.getCurrentUrl().startsWith(landing) && driver.getCurrentUrl().contains("code="));
      String code = queryParameter(browser.url(), "code");
      JsonNode tokens = realm.tokensForCode(clientId, code, landing);
      assertThat(Realm.claims(tokens.get("access_token").asString()).get("email").asString()).isEqualTo(email);

      // The password saved, the login that ends the invitation, the application's login from that session.
      assertThat(events.awaitEventsOf(email, 3, Duration.ofSeconds(30)))
          .extracting(event -> event.getClass().getSimpleName())
          .containsExactlyInAnyOrder(PasswordSet.class.getSimpleName(), MemberLoggedIn.class.getSimpleName(),
              MemberLoggedIn.class.getSimpleName());
    }
  }

  @Test
  void usingTheSameLinkAgainSaysTheAccountHasAPasswordAlready() {
    String email = realm.newMember();
    String landing = application.base() + "/bienvenue";
    String link = realm.links(clientId, landing, 3600, List.of(email)).get(0).get("link").asString();
    try (HeadlessChromium browser = new HeadlessChromium("fr-FR,fr")) {
      setPassword(browser, link);
      browser.await(driver -> driver.getCurrentUrl().startsWith(landing));
    }

    try (HeadlessChromium elsewhere = new HeadlessChromium("fr-FR,fr")) {
      elsewhere.open(link);

      // The password check comes before Keycloak's own single-use check, whose message is expiredActionMessage.
      elsewhere.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
          ThemeMessages.login("fr", "rosterInvitationPasswordAlreadySetMessage")));
      elsewhere.screenshot("invitation-4-link-used-again");
      assertThat(elsewhere.find(By.tagName("body")).findElements(By.id("kc-passwd-update-form"))).isEmpty();
    }
  }

  @Test
  void everyOtherLinkOfTheAccountDiesOnceAPasswordIsSet() {
    String email = realm.newMember();
    String landing = application.base() + "/bienvenue";
    String first = realm.links(clientId, landing, 3600, List.of(email)).get(0).get("link").asString();
    String second = realm.links(clientId, landing, 3600, List.of(email)).get(0).get("link").asString();
    try (HeadlessChromium browser = new HeadlessChromium("fr-FR,fr")) {
      setPassword(browser, first);
      browser.await(driver -> driver.getCurrentUrl().startsWith(landing));
    }

    try (HeadlessChromium elsewhere = new HeadlessChromium("fr-FR,fr")) {
      elsewhere.open(second);

      elsewhere.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
          ThemeMessages.login("fr", "rosterInvitationPasswordAlreadySetMessage")));
      elsewhere.screenshot("invitation-6-other-link-after-password-set");
      assertThat(elsewhere.find(By.tagName("body")).findElements(By.id("kc-passwd-update-form"))).isEmpty();
    }
  }

  @Test
  void aLinkDiesOnceAnAdministratorSetsThePassword() {
    String email = realm.newMember();
    String link = realm.links(clientId, application.base() + "/bienvenue", 3600, List.of(email)).get(0)
        .get("link").asString();
    realm.accounts().admin("PUT", "/users/" + realm.accounts().userId(email) + "/reset-password",
        Map.of("type", "password", "value", "une phrase que personne ne devine", "temporary", false), 204);

    try (HeadlessChromium browser = new HeadlessChromium("en-GB,en")) {
      browser.open(link);

      browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
          ThemeMessages.login("en", "rosterInvitationPasswordAlreadySetMessage")));
      assertThat(browser.find(By.tagName("body")).findElements(By.id("kc-passwd-update-form"))).isEmpty();
    }
  }

  @Test
  void anExpiredLinkFailsWithKeycloaksMessage() throws InterruptedException {
    String email = realm.newMember();
    JsonNode minted = realm.links(clientId, application.base() + "/bienvenue", 1, List.of(email)).get(0);
    Instant expiresAt = Instant.parse(minted.get("expiresAt").asString());
    Thread.sleep(Duration.between(Instant.now(), expiresAt.plusMillis(1500)).toMillis());

    try (HeadlessChromium browser = new HeadlessChromium("en-GB,en")) {
      browser.open(minted.get("link").asString());

      browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
          ThemeMessages.login("en", "expiredActionTokenNoSessionMessage")));
      browser.screenshot("invitation-5-expired-link");
    }
  }

  private static void setPassword(HeadlessChromium browser, String link) {
    browser.open(link);
    browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("kc-passwd-update-form")));
    browser.find(By.id("password-new")).sendKeys(PASSWORD);
    browser.find(By.id("password-confirm")).sendKeys(PASSWORD);
    browser.find(By.id("kc-submit")).click();
  }

  private static String queryParameter(String url, String name) {
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name)) {
        return java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    throw new IllegalStateException(name + " not in " + url);
  }

}

package coop.roster.system;

import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see what, in Chromium against the whole system: a coordinator of another group is refused
 * this group's pages, a visitor who is not logged in is sent to the login page, and a form that lost
 * its CSRF token is refused. Screenshots in {@code target/screenshots/access-...}, one folder per check.
 */
@ExtendWith(RosterSystem.class)
class AccessIT {

  @Test
  void aCoordinatorOfAnotherGroupGetsA403PageOnThisGroupsPages(RosterSystem system) {
    String lilas = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String tilleuls = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    system.createGroup(lilas, "AMAP des Lilas", "elise@" + lilas + ".example", "Élise", "Dupré");
    system.createGroup(tilleuls, "AMAP des Tilleuls", "yann@" + tilleuls + ".example", "Yann", "Le Goff");

    try (Browser yann = Browser.open("access-other-group")) {
      logIn(yann, system.gatewayUrl() + "/groups/" + lilas + "/members", "yann@" + tilleuls + ".example");
      yann.awaitText(By.tagName("h1"), "Accès refusé");
      assertThat(yann.page()).contains("Vous ne coordonnez pas ce groupe.").doesNotContain("Élise", "AMAP des Lilas");
      yann.screenshot("autre-groupe-403");

      yann.go(system.gatewayUrl() + "/groups/" + lilas + "/imports");
      yann.awaitText(By.tagName("h1"), "Accès refusé");
      yann.go(system.gatewayUrl() + "/groups/" + lilas + "/members/new");
      yann.awaitText(By.tagName("h1"), "Accès refusé");
      yann.screenshot("autre-groupe-403-nouvel-adherent");

      yann.go(system.gatewayUrl() + "/");
      yann.awaitText(By.tagName("h1"), "Gestion adhérents");
      assertThat(yann.page()).contains("AMAP des Tilleuls");
    }
  }

  @Test
  void aVisitorWhoIsNotLoggedInIsSentToTheLoginPage(RosterSystem system) {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    try (Browser visitor = Browser.open("access-visitor")) {
      visitor.go(system.gatewayUrl() + "/groups/" + group + "/members");
      visitor.await(driver -> driver.findElements(By.id("kc-form-login")).size() == 1);
      assertThat(visitor.url()).startsWith(system.infrastructure().environment().get("KEYCLOAK_URL")
          + "/realms/roster/protocol/openid-connect/auth");
      assertThat(visitor.page()).contains("Adresse e-mail", "Mot de passe", "Mot de passe oublié ?");
      visitor.screenshot("visiteur-page-de-connexion");

      visitor.go(system.gatewayUrl() + "/comment-se-connecter");
      assertThat(visitor.text(By.tagName("h1"))).isEqualTo("Comment se connecter à Roster");
      visitor.screenshot("comment-se-connecter-public");
    }
  }

  @Test
  void aFormPostedWithoutItsCsrfTokenIsRefused(RosterSystem system) {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String coordinator = "elise@" + group + ".example";
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    try (Browser elise = Browser.open("access-csrf")) {
      logIn(elise, system.gatewayUrl() + "/groups/" + group + "/members/new", coordinator);
      elise.awaitText(By.tagName("h1"), "Nouvel adhérent");
      // As a page of another site would post it: the same fields, without the token.
      ((JavascriptExecutor) elise.driver()).executeScript(
          "document.querySelectorAll('input[name=_csrf]').forEach(function (input) { input.remove(); });");
      elise.type(By.id("email"), "pirate@" + group + ".example").type(By.id("firstName"), "Pi")
          .type(By.id("lastName"), "Rate");
      elise.click("Ajouter l’adhérent");
      elise.awaitText(By.tagName("h1"), "Cette page a expiré");
      elise.screenshot("formulaire-sans-jeton-refuse");

      elise.go(system.gatewayUrl() + "/groups/" + group + "/members");
      assertThat(elise.page()).doesNotContain("pirate@");
    }
  }

  private static void logIn(Browser browser, String url, String email) {
    browser.go(url);
    browser.await(driver -> driver.findElements(By.id("kc-form-login")).size() == 1);
    browser.type(By.id("username"), email).type(By.id("password"), TestAccounts.PASSWORD);
    browser.click(By.id("kc-login"));
  }
}

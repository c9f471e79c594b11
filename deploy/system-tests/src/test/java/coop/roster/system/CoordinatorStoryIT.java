package coop.roster.system;

import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.testing.Mailbox;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user guide's story ("Remplir la liste des adhérents"), in Chromium, against the whole system: a
 * coordinator logs in through Keycloak, adds a member by hand ("Gestion adhérents → Nouvel adhérent")
 * and is refused a duplicate, imports the spreadsheet they already have, opens "Ne s'est jamais
 * connecté", presses "Envoyer des invitations" and watches it finish; a member opens the mail's link in
 * their own browser, sets a password on Keycloak's page and lands logged in; back on the coordinator's
 * page, that member has left "Ne s'est jamais connecté". Every step leaves a screenshot in
 * {@code target/screenshots/coordinator-story/}.
 */
@ExtendWith(RosterSystem.class)
class CoordinatorStoryIT {

  private static final Pattern INVITATION_LINK = Pattern.compile("https?://\\S+/login-actions/action-token\\S+");
  private static final String NEW_PASSWORD = "un potager partagé au printemps";

  @Test
  void aCoordinatorFillsTheMemberListAndInvitesEveryoneWhoNeverLoggedIn(RosterSystem system) throws Exception {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String domain = group + ".example";
    String coordinator = "elise@" + domain;
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    String gateway = system.gatewayUrl();

    try (Browser elise = Browser.open("coordinator-story")) {
      // Connexion, on Keycloak's page; one group coordinated: straight to "Gestion adhérents".
      elise.go(gateway + "/");
      elise.await(driver -> driver.getCurrentUrl().contains("/realms/roster/"));
      assertThat(elise.title()).contains("Roster");
      elise.screenshot("keycloak-login");
      elise.type(By.id("username"), coordinator).type(By.id("password"), TestAccounts.PASSWORD);
      elise.click(By.id("kc-login"));
      elise.awaitText(By.tagName("h1"), "Gestion adhérents");
      assertThat(elise.url()).startsWith(gateway + "/groups/" + group + "/members");
      assertThat(elise.page()).contains("Élise Dupré", "Sélections", "Tous", "Ne s’est jamais connecté");
      elise.screenshot("gestion-adherents");

      // "Gestion adhérents → Nouvel adhérent": e-mail, first and last name.
      elise.click("Nouvel adhérent");
      elise.awaitText(By.tagName("h1"), "Nouvel adhérent");
      elise.screenshot("nouvel-adherent-form");
      elise.type(By.id("email"), "paul@" + domain).type(By.id("firstName"), "Paul").type(By.id("lastName"), "Roux")
          .type(By.id("address-city"), "Montreuil");
      elise.click("Ajouter l’adhérent");
      elise.awaitText(By.tagName("h1"), "Paul Roux");
      assertThat(elise.page()).contains("Paul Roux fait maintenant partie de vos adhérents.", "Jamais invité(e)",
          "Envoyer une invitation", "/comment-se-connecter");
      elise.screenshot("nouvel-adherent-cree");

      // The same e-mail again (other case, spaces around it) is refused, with a link to the member.
      elise.click("Nouvel adhérent");
      elise.type(By.id("email"), "  PAUL@" + domain.toUpperCase() + " ").type(By.id("firstName"), "Paul")
          .type(By.id("lastName"), "Roux");
      elise.click("Ajouter l’adhérent");
      elise.awaitText(By.id("email-error"), "Paul Roux");
      assertThat(elise.text(By.id("email-error"))).contains("déjà", "Voir sa fiche");
      assertThat(elise.find(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
      elise.screenshot("doublon-refuse");

      // "Importer": the Cagette export the group already has; the preview's counts are right.
      elise.click("Importer");
      elise.awaitText(By.tagName("h1"), "Importer des adhérents");
      assertThat(elise.page()).contains("Télécharger le modèle de fichier", "indispensable");
      elise.screenshot("importer");
      Path file = cagetteExport(domain);
      elise.find(By.id("file")).sendKeys(file.toString());
      elise.click("Voir l’aperçu");
      elise.awaitText(By.tagName("h1"), "Aperçu de l’import");
      assertThat(elise.text(By.id("count-rows"))).isEqualTo("6");
      assertThat(elise.text(By.id("count-new"))).isEqualTo("4");
      assertThat(elise.text(By.id("count-existing"))).isEqualTo("1");
      assertThat(elise.text(By.id("count-invalid"))).isEqualTo("1");
      assertThat(elise.text(By.id("problems"))).contains("6").containsIgnoringCase("jeanne@gmail");
      elise.screenshot("apercu");
      // One person of the file is in the group already: no count on the button would be true for both choices.
      assertThat(elise.text(By.id("confirm-import"))).isEqualTo("Confirmer l’import");
      elise.click(By.id("consent"));
      elise.click(By.id("confirm-import"));
      // The progress page ends with "Import terminé"; the report, which a coordinator may already be on, says it
      // too. What is asserted holds on both, so the test waits for the state, not for one page or the other.
      elise.awaitText(By.id("import-result"), "Import terminé");
      assertThat(elise.text(By.id("import-result"))).contains("4 adhérents ajoutés");
      assertThat(elise.text(By.tagName("h1"))).isIn("Import terminé", "Compte rendu de l’import");
      elise.screenshot("import-100-pourcent");

      // "Ne s'est jamais connecté" in "Sélections", then the big "Envoyer des invitations" at the bottom.
      elise.go(gateway + "/groups/" + group + "/members");
      elise.click(By.partialLinkText("Ne s’est jamais connecté"));
      elise.awaitText(By.id("list-title"), "Ne s’est jamais connecté");
      // Élise is a member of her group too, but she logged in (Keycloak's login event reached member-service).
      assertThat(elise.text(By.cssSelector("main table tbody"))).contains("Camille", "Paul").doesNotContain("Élise");
      elise.screenshot("ne-s-est-jamais-connecte");
      elise.click("Envoyer des invitations");
      elise.awaitText(By.tagName("h1"), "Envoyer des invitations");
      String announced = elise.text(By.cssSelector("main .lead"));
      assertThat(announced).matches("\\d+ personnes vont recevoir une invitation.*");
      int count = Integer.parseInt(announced.substring(0, announced.indexOf(' ')));
      assertThat(count).as("Paul, the four people imported and Marc, Camille's partner, a member of his own")
          .isEqualTo(6);
      elise.screenshot("confirmation-invitations");
      elise.click(By.cssSelector("main form button[type=submit]"));
      elise.awaitText(By.tagName("h1"), "Envoi des invitations");
      elise.screenshot("envoi-en-cours");
      elise.awaitText(By.id("invitations-result"), "invitations envoyées");
      assertThat(elise.text(By.id("invitations-result"))).matches("\\d+ invitations envoyées");
      assertThat(elise.text(By.cssSelector(".progress-figures"))).startsWith("6 envoyées, 0 échouée, sur 6");
      assertThat(elise.page()).doesNotContain("n’ont pas pu partir");
      elise.screenshot("invitations-envoyees");
    }

    // Camille reads the mail, clicks its button in her own browser, sets her password and is logged in.
    String camille = "camille@" + domain;
    String link = invitationLink(Mailbox.at(system.mailApiUrl()), camille);
    try (Browser browser = Browser.open("member-sets-password")) {
      browser.go(link);
      browser.await(driver -> driver.findElements(By.id("password-new")).size() == 1);
      assertThat(browser.page()).contains("Définissez votre mot de passe");
      browser.screenshot("definir-mot-de-passe");
      browser.type(By.id("password-new"), NEW_PASSWORD).type(By.id("password-confirm"), NEW_PASSWORD);
      browser.click(By.cssSelector("#kc-passwd-update-form [type=submit]"));
      browser.awaitText(By.tagName("h1"), "Bienvenue");
      assertThat(browser.url()).startsWith(system.gatewayUrl());
      assertThat(browser.page()).contains("Camille Martin", "Vous êtes connecté(e) à Roster.");
      browser.screenshot("connectee");
    }

    // Back as the coordinator: Camille has left "Ne s'est jamais connecté" (her login travels as an event).
    try (Browser elise = Browser.open("coordinator-after-login")) {
      elise.go(gateway + "/groups/" + group + "/members?selection=NEVER_LOGGED_IN");
      elise.await(driver -> driver.getCurrentUrl().contains("/realms/roster/"));
      elise.type(By.id("username"), coordinator).type(By.id("password"), TestAccounts.PASSWORD);
      elise.click(By.id("kc-login"));
      elise.awaitText(By.id("list-title"), "Ne s’est jamais connecté");
      elise.await(driver -> {
        if (elise.text(By.id("list-title")).contains("Ne s’est jamais connecté") && !elise.page().contains("Camille")) {
          return true;
        }
        driver.navigate().refresh();
        return false;
      });
      assertThat(elise.page()).contains("Paul");
      elise.screenshot("camille-a-quitte-la-selection");
      elise.click(By.partialLinkText("S’est déjà connecté"));
      elise.awaitText(By.id("list-title"), "S’est déjà connecté");
      assertThat(elise.page()).contains("Camille", "Connecté(e) le");
      elise.screenshot("s-est-deja-connecte");
    }
  }

  /**
   * Cagette's member export as a coordinator downloads it (UTF-8 with BOM, {@code ;}, CRLF, its 12 French
   * headers): four new people (and Marc, Camille's partner, with an e-mail of his own), one invalid e-mail (line 6),
   * and Paul, already a member (line 7).
   */
  private static Path cagetteExport(String domain) throws Exception {
    String csv = "\uFEFF" + String.join("\r\n",
        "Prénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);Nom conjoint(e);Courriel conjoint(e);"
            + "Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville",
        "Camille;Martin;camille@" + domain + ";06 12 34 56 78;Marc;Martin;marc@" + domain
            + ";06 98 76 54 32;12 rue des Lilas;;75020;Paris",
        "Hélène;de La Fontaine;helene@" + domain + ";;;;;;;;;",
        "Karim;Benali;karim@" + domain + ";;;;;;3 place Gambetta;;75020;Paris",
        "Lucie;PETIT;lucie@" + domain + ";07 11 22 33 44;;;;;;;93100;Montreuil",
        "Jeanne;Moreau;jeanne@gmail;;;;;;;;;",
        "Paul;Roux;paul@" + domain + ";;;;;;;;;Montreuil") + "\r\n";
    Path file = Files.createTempFile("adherents-cagette-", ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }

  /** The link of the invitation mail the member received (waits for it: sending is asynchronous). */
  private static String invitationLink(Mailbox mailbox, String email) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      List<MimeMessage> messages = mailbox.messages(email);
      for (MimeMessage message : messages) {
        String text = Mailbox.text(message);
        Matcher link = text == null ? null : INVITATION_LINK.matcher(text);
        if (link != null && link.find()) {
          return link.group();
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no invitation mail for " + email);
  }
}

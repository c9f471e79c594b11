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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A couple in Cagette's export, in Chromium against the whole system: the coordinator imports it and finds two
 * members, each page linking to the other; each is invited on their own page ("Envoyer une invitation"), sets a
 * password through their own mail's link and is logged in; back on the list, both have left "Ne s'est jamais
 * connecté". Screenshots in {@code target/screenshots/couple-...}.
 */
@ExtendWith(RosterSystem.class)
class CouplesIT {

  private static final Pattern INVITATION_LINK = Pattern.compile("https?://\\S+/login-actions/action-token\\S+");

  @Test
  void aCoupleImportedFromCagetteIsTwoMembersEachInvitedAndLoggedInOnTheirOwn(RosterSystem system)
      throws Exception {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String domain = group + ".example";
    String coordinator = "elise@" + domain;
    String camille = "camille@" + domain;
    String marc = "marc@" + domain;
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    String gateway = system.gatewayUrl();

    try (Browser elise = Browser.open("couple-coordinator")) {
      logIn(elise, gateway + "/groups/" + group + "/imports", coordinator);
      elise.awaitText(By.tagName("h1"), "Importer des adhérents");
      elise.find(By.id("file")).sendKeys(cagetteExport(camille, marc).toString());
      elise.click("Voir l’aperçu");
      elise.awaitText(By.tagName("h1"), "Aperçu de l’import");
      assertThat(elise.text(By.id("count-rows"))).isEqualTo("1");
      elise.click(By.id("consent"));
      elise.click(By.id("confirm-import"));
      elise.awaitText(By.id("import-result"), "Import terminé");
      // The report (the progress page's figures are rows; the report says how many people they gave).
      elise.go(elise.url());
      elise.awaitText(By.id("report-people"), "1 ligne a donné 2 personnes");
      elise.screenshot("compte-rendu-deux-personnes");

      elise.go(gateway + "/groups/" + group + "/members?q=martin");
      elise.awaitText(By.cssSelector("main table tbody"), "Marc");
      assertThat(elise.text(By.cssSelector("main table tbody"))).contains("Camille", camille, marc);
      elise.screenshot("liste-les-deux");

      elise.click(By.partialLinkText("Camille"));
      elise.awaitText(By.tagName("h1"), "Camille Martin");
      assertThat(elise.text(By.id("partner-member"))).isEqualTo("Marc Martin");
      elise.click("Envoyer une invitation");
      elise.awaitText(By.cssSelector(".notice.success"), "Invitation demandée pour Camille Martin");
      elise.screenshot("camille-invitee");

      elise.click(By.id("partner-member"));
      elise.awaitText(By.tagName("h1"), "Marc Martin");
      assertThat(elise.text(By.id("partner-member"))).isEqualTo("Camille Martin");
      elise.click("Envoyer une invitation");
      elise.awaitText(By.cssSelector(".notice.success"), "Invitation demandée pour Marc Martin");
      elise.screenshot("marc-invite");
    }

    Mailbox mailbox = Mailbox.at(system.mailApiUrl());
    setsPasswordThroughTheMailLink(invitationLink(mailbox, camille), "couple-camille", "Camille Martin",
        "des tomates pour tout le quartier");
    setsPasswordThroughTheMailLink(invitationLink(mailbox, marc), "couple-marc", "Marc Martin",
        "des courgettes jusqu'en octobre");

    try (Browser elise = Browser.open("couple-coordinator-after")) {
      logIn(elise, gateway + "/groups/" + group + "/members?selection=NEVER_LOGGED_IN", coordinator);
      elise.awaitText(By.id("list-title"), "Ne s’est jamais connecté");
      elise.await(driver -> {
        String page = elise.page();
        if (!page.contains(camille) && !page.contains(marc)) {
          return true;
        }
        driver.navigate().refresh();
        return false;
      });
      elise.go(gateway + "/groups/" + group + "/members?selection=LOGGED_IN");
      elise.awaitText(By.id("list-title"), "S’est déjà connecté");
      assertThat(elise.text(By.cssSelector("main table tbody"))).contains(camille, marc);
      elise.screenshot("les-deux-connectes");
    }
  }

  private static void setsPasswordThroughTheMailLink(String link, String story, String name, String password) {
    try (Browser member = Browser.open(story)) {
      member.go(link);
      member.await(driver -> driver.findElements(By.id("password-new")).size() == 1);
      member.type(By.id("password-new"), password).type(By.id("password-confirm"), password);
      member.click(By.cssSelector("#kc-passwd-update-form [type=submit]"));
      member.awaitText(By.tagName("h1"), "Bienvenue");
      assertThat(member.page()).contains(name, "Vous êtes connecté(e) à Roster.");
      member.screenshot("connecte");
    }
  }

  private static void logIn(Browser browser, String url, String email) {
    browser.go(url);
    browser.await(driver -> driver.findElements(By.id("kc-form-login")).size() == 1);
    browser.type(By.id("username"), email).type(By.id("password"), TestAccounts.PASSWORD);
    browser.click(By.id("kc-login"));
  }

  /** Cagette's export with one couple: Camille, and Marc in the "conjoint(e)" columns with his own e-mail. */
  private static Path cagetteExport(String camille, String marc) throws Exception {
    String csv = "\uFEFF" + String.join("\r\n",
        "Prénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);Nom conjoint(e);Courriel conjoint(e);"
            + "Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville",
        "Camille;Martin;" + camille + ";06 12 34 56 78;Marc;Martin;" + marc
            + ";06 98 76 54 32;12 rue des Lilas;;75020;Paris") + "\r\n";
    Path file = Files.createTempFile("couple-cagette-", ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }

  /** The link of the invitation mail the member received (waits for it: sending is asynchronous). */
  private static String invitationLink(Mailbox mailbox, String email) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      for (MimeMessage message : mailbox.messages(email)) {
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

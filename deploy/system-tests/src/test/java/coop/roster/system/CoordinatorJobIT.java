package coop.roster.system;

import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator's pages that the other browser tests do not click, in Chromium, against the whole system: a file
 * whose columns Roster does not know, matched by hand on "Correspondance des colonnes"; a file imported again with
 * "Mettre à jour leurs coordonnées"; a member edited then deleted; an invitation that fails, its reason in the list,
 * and "Réessayer"; a coordinator of two groups going from one to the other through "Mes groupes", after being made
 * a coordinator on "Coordinateurs". Screenshots in {@code target/screenshots/pages-*}; they are also the user guide's
 * pictures (README "User guide").
 */
@ExtendWith(RosterSystem.class)
class CoordinatorJobIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void aFileWithUnknownColumnsIsMatchedByHandAndImportedAgainItUpdatesTheDetailsOfThoseAlreadyMembers(
      RosterSystem system) throws Exception {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String domain = group + ".example";
    String coordinator = "elise@" + domain;
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    String base = system.gatewayUrl() + "/groups/" + group;

    try (Browser elise = Browser.open("pages-import-mapping")) {
      logIn(elise, base + "/imports", coordinator);
      elise.awaitText(By.tagName("h1"), "Importer des adhérents");
      elise.screenshot("importer-fichier");

      // Headers of the group's own: Roster asks what each column holds.
      elise.find(By.id("file")).sendKeys(file("liste-maison", domain, "Qui;Famille;Où écrire",
          "Camille;Martin;camille@%s", "Karim;Benali;karim@%s").toString());
      elise.click("Voir l’aperçu");
      elise.awaitText(By.tagName("h1"), "Correspondance des colonnes");
      assertThat(elise.page()).contains("Où écrire", "Courriel (obligatoire)");
      new Select(elise.find(By.id("column-0"))).selectByValue("FIRST_NAME");
      new Select(elise.find(By.id("column-1"))).selectByValue("LAST_NAME");
      new Select(elise.find(By.id("column-2"))).selectByValue("EMAIL");
      assertThat(elise.find(By.id("headerRow")).isSelected()).isTrue();
      elise.screenshot("correspondance-des-colonnes");
      elise.click("Vérifier le fichier avec ces colonnes");
      elise.awaitText(By.tagName("h1"), "Aperçu de l’import");
      assertThat(elise.text(By.id("count-rows"))).isEqualTo("2");
      assertThat(elise.text(By.id("count-new"))).isEqualTo("2");
      assertThat(elise.text(By.id("count-invalid"))).isEqualTo("0");
      elise.click(By.id("consent"));
      elise.click(By.id("confirm-import"));
      elise.awaitText(By.id("import-result"), "2 adhérents ajoutés");

      // The file of next season: Camille moved, Lucie is new. "Mettre à jour leurs coordonnées".
      elise.go(base + "/imports");
      elise.awaitText(By.tagName("h1"), "Importer des adhérents");
      elise.find(By.id("file")).sendKeys(file("liste-rentree", domain, "Prénom;Nom;Courriel;Ville",
          "Camille;Martin;camille@%s;Bagnolet", "Lucie;Petit;lucie@%s;Montreuil").toString());
      elise.click("Voir l’aperçu");
      elise.awaitText(By.tagName("h1"), "Aperçu de l’import");
      assertThat(elise.text(By.id("count-new"))).isEqualTo("1");
      assertThat(elise.text(By.id("count-existing"))).isEqualTo("1");
      assertThat(elise.find(By.id("policy-skip")).isSelected()).as("leaving them as they are, by default").isTrue();
      elise.click(By.id("policy-update"));
      elise.click(By.id("consent"));
      elise.screenshot("apercu-mettre-a-jour");
      elise.click(By.id("confirm-import"));
      elise.awaitText(By.id("import-result"), "1 adhérent ajouté");
      elise.screenshot("import-en-cours");
      // The progress page gives way to the report once the import is over.
      elise.await(driver -> {
        if (!driver.findElements(By.id("report-updated")).isEmpty()) {
          return true;
        }
        driver.navigate().refresh();
        return false;
      });
      assertThat(elise.text(By.tagName("h1"))).isEqualTo("Compte rendu de l’import");
      assertThat(elise.text(By.id("report-created"))).isEqualTo("1");
      assertThat(elise.text(By.id("report-updated"))).isEqualTo("1");
      assertThat(elise.text(By.id("report-existing"))).isEqualTo("0");
      elise.screenshot("compte-rendu");

      elise.go(base + "/members?q=camille");
      elise.click(By.partialLinkText("Martin"));
      elise.awaitText(By.tagName("h1"), "Camille Martin");
      assertThat(elise.text(By.cssSelector("main"))).contains("Bagnolet");
    }
  }

  @Test
  void aMemberEditedThenDeletedLeavesTheList(RosterSystem system) {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String domain = group + ".example";
    String coordinator = "elise@" + domain;
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    String base = system.gatewayUrl() + "/groups/" + group;

    try (Browser elise = Browser.open("pages-member-edit-delete")) {
      logIn(elise, base + "/members/new", coordinator);
      elise.awaitText(By.tagName("h1"), "Nouvel adhérent");
      elise.type(By.id("email"), "hugo@" + domain).type(By.id("firstName"), "Hugo").type(By.id("lastName"), "Lefèvre");
      elise.click("Ajouter l’adhérent");
      elise.awaitText(By.tagName("h1"), "Hugo Lefèvre");
      elise.screenshot("fiche-adherent");

      elise.click("Modifier");
      elise.awaitText(By.tagName("h1"), "Modifier");
      elise.type(By.id("lastName"), "Lefebvre").type(By.id("address-city"), "Romainville");
      elise.screenshot("modifier-adherent");
      elise.click("Enregistrer");
      elise.awaitText(By.cssSelector(".notice.success"), "Les coordonnées de Hugo Lefebvre sont enregistrées.");
      assertThat(elise.text(By.tagName("h1"))).isEqualTo("Hugo Lefebvre");
      assertThat(elise.text(By.cssSelector("main"))).contains("Romainville");

      elise.click("Supprimer");
      elise.awaitText(By.tagName("h1"), "Supprimer Hugo Lefebvre ?");
      assertThat(elise.page()).contains("hugo@" + domain, "Ses données sont effacées de Roster");
      elise.screenshot("supprimer-adherent");
      elise.click("Oui, supprimer");
      elise.awaitText(By.cssSelector(".notice.success"), "Hugo Lefebvre ne fait plus partie de vos adhérents.");
      elise.awaitText(By.tagName("h1"), "Gestion adhérents");
      elise.go(base + "/members?q=hugo");
      elise.awaitText(By.tagName("h1"), "Gestion adhérents");
      assertThat(elise.text(By.cssSelector("main"))).doesNotContain("Lefebvre");
    }
  }

  @Test
  void aFailedInvitationShowsItsReasonAndReessayerSendsItAgainAtOnce(RosterSystem system) {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String coordinator = "elise@" + group + ".example";
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    // A typo no relay can deliver to (an underscore in the domain): member-service takes it, the mail cannot leave.
    String zoe = system.addMember(group, coordinator, "Zoé", "Château", "zoe@lilas_jardin." + group + ".example");
    String base = system.gatewayUrl() + "/groups/" + group;

    try (Browser elise = Browser.open("pages-invitation-failed")) {
      logIn(elise, base + "/members/" + zoe, coordinator);
      elise.awaitText(By.tagName("h1"), "Zoé Château");
      elise.click("Envoyer une invitation");
      elise.awaitText(By.cssSelector(".notice.success"), "Invitation demandée pour Zoé Château");

      // "Invitation échouée" in "Sélections": Zoé, with the reason, once invitation-service has said so.
      elise.go(base + "/members?selection=INVITATION_FAILED");
      elise.await(driver -> {
        if (elise.text(By.cssSelector("main")).contains("Château")) {
          return true;
        }
        driver.navigate().refresh();
        return false;
      });
      assertThat(elise.text(By.id("list-title"))).contains("Invitation échouée");
      assertThat(elise.text(By.cssSelector("main table tbody"))).contains("l’adresse e-mail n’est pas valable");
      elise.screenshot("invitation-echouee");

      elise.click(By.id("invitations-retry"));
      elise.awaitText(By.tagName("h1"), "Envoyer des invitations");
      assertThat(elise.text(By.id("outlook-failed"))).startsWith("1 invitation échouée");
      elise.screenshot("reessayer");
      // A failed invitation reached nobody: it goes again at once (the interval between two invitations does not hold it back),
      // and fails again, since the address is still wrong.
      elise.click(By.id("invitations-submit"));
      elise.awaitText(By.tagName("h1"), "Envoi des invitations");
      elise.await(driver -> {
        if (elise.text(By.cssSelector("main")).contains("1 invitation n’a pas pu partir")) {
          return true;
        }
        driver.navigate().refresh();
        return false;
      });
      assertThat(elise.text(By.cssSelector("main"))).doesNotContain("il y a moins de 2 minutes");
    }
  }

  @Test
  void aCoordinatorOfTwoGroupsGoesFromOneToTheOtherThroughMesGroupes(RosterSystem system) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String lilas = "lilas-" + suffix;
    String jardin = "jardin-" + suffix;
    String elise = "elise@" + lilas + ".example";
    String yann = "yann@" + jardin + ".example";
    system.createGroup(lilas, "AMAP des Lilas", elise, "Élise", "Dupré");
    system.createGroup(jardin, "Jardin partagé des Lilas", yann, "Yann", "Le Goff");
    system.addMember(jardin, yann, "Élise", "Dupré", elise);
    String gateway = system.gatewayUrl();

    // Yann makes Élise a coordinator of his group on "Coordinateurs", and has a look at "Réglages".
    try (Browser browser = Browser.open("pages-coordinators")) {
      logIn(browser, gateway + "/groups/" + jardin + "/coordinators", yann);
      browser.awaitText(By.tagName("h1"), "Coordinateurs");
      browser.type(By.id("q"), "Dupré");
      browser.click("Chercher");
      browser.awaitText(By.cssSelector("ul.candidates"), elise);
      browser.screenshot("coordinateurs");
      browser.click("Ajouter");
      browser.awaitText(By.cssSelector(".notice.success"), "Élise Dupré coordonne maintenant le groupe.");
      assertThat(browser.text(By.cssSelector("main table"))).contains("Yann Le Goff", "Élise Dupré", elise);
      browser.go(gateway + "/groups/" + jardin + "/settings");
      browser.awaitText(By.tagName("h1"), "Réglages");
      browser.screenshot("reglages");
    }
    // Her account learns of it through an event (GroupCoordinatorsChanged, then Keycloak kept in step).
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
        system.accounts().user(elise).path("attributes").path("roster_groups").size() == 2);

    try (Browser browser = Browser.open("pages-two-groups")) {
      logIn(browser, gateway + "/", elise);
      browser.awaitText(By.tagName("h1"), "Mes groupes");
      assertThat(browser.text(By.cssSelector("main"))).contains("AMAP des Lilas", "Jardin partagé des Lilas");
      browser.screenshot("mes-groupes");
      browser.click("Jardin partagé des Lilas");
      browser.awaitText(By.tagName("h1"), "Gestion adhérents");
      assertThat(browser.url()).startsWith(gateway + "/groups/" + jardin + "/members");
      assertThat(browser.text(By.cssSelector(".group-name"))).isEqualTo("Jardin partagé des Lilas");
      assertThat(browser.text(By.cssSelector("main table tbody"))).contains("Yann");

      browser.click(By.cssSelector("a.brand"));
      browser.awaitText(By.tagName("h1"), "Mes groupes");
      browser.click("AMAP des Lilas");
      browser.awaitText(By.cssSelector(".group-name"), "AMAP des Lilas");
      assertThat(browser.url()).startsWith(gateway + "/groups/" + lilas + "/members");
      assertThat(browser.text(By.cssSelector("main table tbody"))).doesNotContain("Yann");
    }
  }

  private static void logIn(Browser browser, String url, String email) {
    browser.go(url);
    browser.await(driver -> driver.getCurrentUrl().contains("/realms/roster/"));
    browser.type(By.id("username"), email).type(By.id("password"), TestAccounts.PASSWORD);
    browser.click(By.id("kc-login"));
  }

  /** A CSV file as a group keeps it: its header line, then one line per person ({@code %s}: the domain). */
  private static Path file(String name, String domain, String header, String... lines) throws IOException {
    StringBuilder csv = new StringBuilder(header).append("\r\n");
    for (String line : lines) {
      csv.append(line.formatted(domain)).append("\r\n");
    }
    Path file = Files.createTempDirectory("roster-pages-").resolve(name + ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }
}

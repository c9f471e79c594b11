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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roster in French and in English, in Chromium, against the whole system: the coordinator's language switch and
 * every page of the web UI read in each language (its heading, no missing message key, no word of the other
 * language); a member's language chosen in the form and the group's in "Réglages"; each member's invitation mail in
 * their language, whose link opens Keycloak's set-password page in that language whatever the browser prefers.
 * Screenshots in {@code target/screenshots/languages-*}.
 */
@ExtendWith(RosterSystem.class)
class BothLanguagesIT {

  private static final Pattern INVITATION_LINK = Pattern.compile("https?://\\S+/login-actions/action-token\\S+");
  /** What Thymeleaf shows for a key missing from a bundle: {@code ??member.title_en??}. */
  private static final Pattern MISSING_KEY = Pattern.compile("\\?\\?[\\w.\\-]+_\\w+\\?\\?");
  /** Words of the French interface that no English page shows. */
  private static final List<String> FRENCH_WORDS = List.of("adhérent", "Adhérent", "Gestion", "Importer", "Nouvel",
      "Coordinateurs", "Réglages", "Langue", "Enregistrer", "Annuler", "Supprimer", "Modifier", "Envoyer",
      "déconnecter", "Courriel", "Prénom", "Ville", "Aperçu", "Compte rendu", "Jamais", "connecté", "obligatoire",
      "Sélections", "Rechercher");
  /** Words of the English interface that no French page shows ("English", the switch and a choice, aside). */
  /** The headers of the test's file ({@link #memberFile}), shown as typed on an import's pages. */
  private static final List<String> FILE_HEADERS = List.of("First name", "Last name", "Email", "Language");
  private static final List<String> ENGLISH_WORDS = List.of("Members", "New member", "Coordinators", "Settings",
      "Save", "Cancel", "Remove", "Edit", "Log out", "First name", "Last name", "Preview", "Report", "Never",
      " the ", " your ", " with ");

  @Test
  void everyPageReadsInTheLanguageTheCoordinatorSwitchesTo(RosterSystem system) throws Exception {
    String group = "veg-" + UUID.randomUUID().toString().substring(0, 8);
    String domain = group + ".example";
    String coordinator = "sam@" + domain;
    system.createGroup(group, "Riverside Veg Box", coordinator, "Sam", "Taylor");
    String gateway = system.gatewayUrl();
    String base = gateway + "/groups/" + group;

    try (Browser sam = Browser.open("languages-pages")) {
      logIn(sam, gateway, coordinator);
      sam.awaitText(By.tagName("h1"), "Gestion adhérents");

      // A member typed in, in English, so that their pages exist.
      sam.go(base + "/members/new");
      sam.type(By.id("email"), "anna@" + domain).type(By.id("firstName"), "Anna").type(By.id("lastName"), "Smith");
      sam.click(By.cssSelector("#language option[value='en']"));
      sam.click(By.cssSelector("main form button[type=submit]"));
      sam.awaitText(By.tagName("h1"), "Anna Smith");
      assertThat(sam.page()).contains("Langue", "English");
      String anna = afterLast(sam.url().replaceFirst("[?#].*$", ""), "/");

      // A file with a language column, up to its preview (the report comes after).
      sam.go(base + "/imports");
      sam.find(By.id("file")).sendKeys(memberFile(domain).toString());
      sam.click(By.cssSelector("main form button[type=submit]"));
      sam.awaitText(By.tagName("h1"), "Aperçu de l’import");
      String importPage = sam.url().replaceFirst("[?#].*$", "");

      Map<String, List<String>> pages = new LinkedHashMap<>();
      pages.put(base + "/members", List.of("Gestion adhérents", "Members"));
      pages.put(base + "/members?selection=NEVER_LOGGED_IN", List.of("Gestion adhérents", "Members"));
      pages.put(base + "/members/new", List.of("Nouvel adhérent", "New member"));
      pages.put(base + "/members/" + anna, List.of("Anna Smith", "Anna Smith"));
      pages.put(base + "/members/" + anna + "/edit", List.of("Modifier Anna Smith", "Edit Anna Smith"));
      pages.put(base + "/members/" + anna + "/remove", List.of("Supprimer Anna Smith ?", "Remove Anna Smith?"));
      pages.put(base + "/imports", List.of("Importer des adhérents", "Import members"));
      pages.put(importPage, List.of("Aperçu de l’import", "Import preview"));
      pages.put(importPage + "/mapping", List.of("Correspondance des colonnes", "Which column holds what"));
      pages.put(base + "/invitations/new", List.of("Envoyer des invitations", "Send invitations"));
      pages.put(base + "/coordinators", List.of("Coordinateurs", "Coordinators"));
      pages.put(base + "/settings", List.of("Réglages du groupe", "Group settings"));

      // French first (the default), then the switch "English": the choice holds on every page after.
      readsInFrench(sam, pages);
      sam.go(gateway + "/comment-se-connecter");
      assertReadsIn(sam, "Comment se connecter à Roster", ENGLISH_WORDS, List.of());
      sam.go(base + "/members");
      sam.click("English");
      sam.awaitText(By.tagName("h1"), "Members");
      sam.screenshot("switched-to-english");
      readsInEnglish(sam, pages);
      sam.go(gateway + "/how-to-log-in");
      assertReadsIn(sam, "How to log in to Roster", List.of(), FRENCH_WORDS);

      // The import confirmed, its report in English, then "Français" brings French back.
      sam.go(importPage);
      sam.click(By.id("consent"));
      sam.click(By.id("confirm-import"));
      sam.await(driver -> {
        if (sam.text(By.tagName("h1")).equals("Import report")) {
          return true;
        }
        driver.navigate().to(importPage);
        return false;
      });
      assertReadsIn(sam, "Import report", List.of(), FRENCH_WORDS);
      sam.click("Français");
      sam.awaitText(By.tagName("h1"), "Compte rendu de l’import");
      assertReadsIn(sam, "Compte rendu de l’import", ENGLISH_WORDS, List.of());
      sam.go(base + "/members");
      sam.awaitText(By.tagName("h1"), "Gestion adhérents");
      sam.screenshot("back-to-french");
    }
  }

  @Test
  void eachMemberIsInvitedInTheirLanguageAndTheLinkOpensKeycloakInItWhateverTheBrowserPrefers(RosterSystem system)
      throws Exception {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String domain = group + ".example";
    String coordinator = "elise@" + domain;
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    String gateway = system.gatewayUrl();
    String base = gateway + "/groups/" + group;
    Mailbox mailbox = Mailbox.at(system.mailApiUrl());

    try (Browser elise = Browser.open("languages-invitations")) {
      logIn(elise, gateway, coordinator);
      elise.awaitText(By.tagName("h1"), "Gestion adhérents");
      // Anna prefers English; Jeanne says nothing: the group's language, French.
      invite(elise, base, "anna@" + domain, "Anna", "Smith", "en");
      invite(elise, base, "jeanne@" + domain, "Jeanne", "Martin", "");

      // The group now writes in English to those without a language: Tom.
      elise.go(base + "/settings");
      elise.awaitText(By.tagName("h1"), "Réglages du groupe");
      elise.click(By.cssSelector("#language option[value='en']"));
      elise.click(By.cssSelector("main form button[type=submit]"));
      elise.awaitText(By.cssSelector("main .notice.success"), "Réglages enregistrés.");
      assertThat(elise.find(By.cssSelector("#language option[value='en']")).isSelected()).isTrue();
      elise.screenshot("reglages-anglais");
      invite(elise, base, "tom@" + domain, "Tom", "Brown", "");
    }

    MimeMessage anna = invitation(mailbox, "anna@" + domain);
    MimeMessage jeanne = invitation(mailbox, "jeanne@" + domain);
    MimeMessage tom = invitation(mailbox, "tom@" + domain);
    assertThat(anna.getSubject()).isEqualTo("Élise Dupré invites you to Roster – AMAP des Lilas");
    assertThat(jeanne.getSubject()).isEqualTo("Élise Dupré vous invite sur Roster – AMAP des Lilas");
    assertThat(tom.getSubject()).isEqualTo("Élise Dupré invites you to Roster – AMAP des Lilas");

    // An English mail opened in a browser that prefers French, and a French one in a browser that prefers English.
    try (Browser french = Browser.open("languages-link-english-mail", "fr-FR,fr")) {
      french.go(link(anna));
      french.await(driver -> driver.findElements(By.id("password-new")).size() == 1);
      assertThat(french.page()).contains("Set your password").doesNotContain("Définissez votre mot de passe");
      french.screenshot("set-your-password");
    }
    try (Browser english = Browser.open("languages-link-french-mail", "en-GB,en")) {
      english.go(link(jeanne));
      english.await(driver -> driver.findElements(By.id("password-new")).size() == 1);
      assertThat(english.page()).contains("Définissez votre mot de passe").doesNotContain("Set your password");
      english.screenshot("definissez-votre-mot-de-passe");
    }
  }

  private static void logIn(Browser browser, String gateway, String email) {
    browser.go(gateway + "/");
    browser.await(driver -> driver.getCurrentUrl().contains("/realms/roster/"));
    browser.type(By.id("username"), email).type(By.id("password"), TestAccounts.PASSWORD);
    browser.click(By.id("kc-login"));
  }

  /** "Nouvel adhérent" with this language ({@code ""}: the group's), then "Envoyer une invitation" on their page. */
  private static void invite(Browser elise, String base, String email, String firstName, String lastName,
      String language) {
    elise.go(base + "/members/new");
    elise.awaitText(By.tagName("h1"), "Nouvel adhérent");
    elise.type(By.id("email"), email).type(By.id("firstName"), firstName).type(By.id("lastName"), lastName);
    elise.click(By.cssSelector("#language option[value='" + language + "']"));
    elise.click("Ajouter l’adhérent");
    elise.awaitText(By.tagName("h1"), firstName + " " + lastName);
    elise.screenshot("fiche-" + firstName.toLowerCase());
    elise.click("Envoyer une invitation");
    elise.awaitText(By.cssSelector("main .notice.success"), email);
  }

  private static void readsInFrench(Browser browser, Map<String, List<String>> pages) {
    pages.forEach((url, headings) -> {
      browser.go(url);
      // An import's pages show the file's own (English) headers as typed: those are the file's words, not the page's.
      List<String> english = url.contains("/imports/")
          ? ENGLISH_WORDS.stream().filter(word -> !FILE_HEADERS.contains(word)).toList() : ENGLISH_WORDS;
      assertReadsIn(browser, headings.get(0), english, List.of());
    });
  }

  private static void readsInEnglish(Browser browser, Map<String, List<String>> pages) {
    pages.forEach((url, headings) -> {
      browser.go(url);
      assertReadsIn(browser, headings.get(1), List.of(), FRENCH_WORDS);
    });
  }

  /** The page's heading, no missing key, and none of the other language's words in what it shows. */
  private static void assertReadsIn(Browser browser, String heading, List<String> english, List<String> french) {
    browser.awaitText(By.tagName("h1"), heading);
    String shown = browser.page();
    assertThat(MISSING_KEY.matcher(browser.driver().getPageSource()).find())
        .as("a message key missing on %s", browser.url()).isFalse();
    // One word at a time: AssertJ refuses an empty list of values, and each language checks only the other's words.
    english.forEach(word -> assertThat(shown).as("the French page %s", browser.url()).doesNotContain(word));
    french.forEach(word -> assertThat(shown).as("the English page %s", browser.url()).doesNotContain(word));
    browser.screenshot(afterLast(browser.url().replaceFirst("[?#].*$", ""), "/"));
  }

  private static String afterLast(String text, String separator) {
    return text.substring(text.lastIndexOf(separator) + 1);
  }

  /** Two people, one per language, with English headers (the mapping page shows them as typed). */
  private static Path memberFile(String domain) throws Exception {
    String csv = String.join("\r\n", "First name,Last name,Email,Language",
        "Oliver,Green,oliver@" + domain + ",en", "Lucie,Petit,lucie@" + domain + ",fr") + "\r\n";
    Path file = Files.createTempFile("members-", ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }

  /** The member's invitation mail (waits for it: sending is asynchronous). */
  private static MimeMessage invitation(Mailbox mailbox, String email) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      for (MimeMessage message : mailbox.messages(email)) {
        String text = Mailbox.text(message);
        if (text != null && INVITATION_LINK.matcher(text).find()) {
          return message;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no invitation mail for " + email);
  }

  private static String link(MimeMessage mail) throws Exception {
    Matcher link = INVITATION_LINK.matcher(Mailbox.text(mail));
    assertThat(link.find()).isTrue();
    return link.group();
  }
}

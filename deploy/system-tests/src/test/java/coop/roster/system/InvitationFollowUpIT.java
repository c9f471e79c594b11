package coop.roster.system;

import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.testing.Mailbox;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following up invitations in Chromium, as a coordinator (user guide "Inviter les adhérents"): a member invited
 * with a personal note receives it as typed; pressing again at once is refused with the reason; "Envoyer des
 * invitations" counts who was never invited, invited less than 7 days ago and failed, shows the mail with the note
 * ("Voir l'e-mail") and leaves the recently invited out; "Relancer" on "Invité, pas encore connecté" says whom the
 * interval between two invitations left out, and once it has passed reminds each of them with the reminder's own
 * wording. Screenshots in {@code target/screenshots/invitation-follow-up/}.
 */
@ExtendWith(RosterSystem.class)
class InvitationFollowUpIT {

  private static final String NOTE = "<script>alert('lilas')</script>\nÀ samedi à la distribution !";

  @Test
  void aCoordinatorInvitesWithANoteIsToldWhyAPressIsRefusedAndSeesTheSevenDayCounts(RosterSystem system)
      throws Exception {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String domain = group + ".example";
    String coordinator = "elise@" + domain;
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    String anna = system.addMember(group, coordinator, "Anna", "Aubert", "anna@" + domain);
    system.addMember(group, coordinator, "Bruno", "Bernard", "bruno@" + domain);
    String gateway = system.gatewayUrl();
    Mailbox mailbox = Mailbox.at(system.mailApiUrl());

    try (Browser elise = Browser.open("invitation-follow-up")) {
      elise.go(gateway + "/groups/" + group + "/members/" + anna);
      elise.await(driver -> driver.getCurrentUrl().contains("/realms/roster/"));
      elise.type(By.id("username"), coordinator).type(By.id("password"), TestAccounts.PASSWORD);
      elise.click(By.id("kc-login"));
      elise.awaitText(By.tagName("h1"), "Anna Aubert");

      // "Envoyer une invitation" with a personal note; Anna receives it as typed.
      elise.type(By.id("note"), NOTE);
      elise.screenshot("invitation-avec-message");
      elise.click("Envoyer une invitation");
      elise.awaitText(By.cssSelector(".notice.success"), "Invitation demandée pour Anna Aubert");
      MimeMessage mail = awaitMail(mailbox, "anna@" + domain, 1);
      MimeMultipart parts = (MimeMultipart) mail.getContent();
      String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
      String html = (String) parts.getBodyPart(1).getContent();
      // The coordinator's name, then the note as typed.
      assertThat(text).contains("Élise Dupré vous écrit :\n" + NOTE + "\n");
      assertThat(html).doesNotContain("<script>")
          .contains("&lt;script&gt;alert(&#39;lilas&#39;)&lt;/script&gt;<br>À samedi à la distribution !");

      // Once member-service knows it was sent (the badge), pressed again at once: refused, and the coordinator
      // reads why.
      elise.await(driver -> {
        if (elise.page().contains("Invité(e) le")) {
          return true;
        }
        driver.navigate().refresh();
        return false;
      });
      elise.click("Envoyer une invitation");
      elise.awaitText(By.id("invitation-refusal"), "au plus une invitation toutes les 2 minutes");
      elise.screenshot("invitation-refusee");

      // "Envoyer des invitations" on "Ne s'est jamais connecté": Bruno never invited, Anna invited just now.
      // Élise is a member too; once her login has reached member-service she has left the selection.
      elise.go(gateway + "/groups/" + group + "/members?selection=NEVER_LOGGED_IN");
      elise.await(driver -> {
        if (!elise.text(By.cssSelector("main table tbody")).contains("Dupré")) {
          return true;
        }
        driver.navigate().refresh();
        return false;
      });
      elise.click("Envoyer des invitations");
      elise.awaitText(By.tagName("h1"), "Envoyer des invitations");
      assertThat(elise.text(By.id("outlook-never-invited"))).isEqualTo("1 jamais invitée");
      assertThat(elise.text(By.id("outlook-invited-lately"))).startsWith("1 invitée il y a moins de 7 jours");
      assertThat(elise.text(By.id("outlook-failed"))).startsWith("Aucune invitation échouée");
      assertThat(elise.text(By.cssSelector("main .lead"))).startsWith("1 personne va recevoir une invitation");
      assertThat(elise.find(By.id("includeRecentlyInvited")).isSelected()).isFalse();
      elise.type(By.id("note"), "Bienvenue, Bruno !\nÉlise");
      elise.screenshot("confirmation-7-jours");

      // "Voir l'e-mail": the mail as it will leave, the note in it.
      String confirmation = elise.driver().getWindowHandle();
      elise.click(By.id("invitations-preview"));
      elise.await(driver -> driver.getWindowHandles().size() == 2);
      WebDriver preview = elise.driver().switchTo().window(elise.driver().getWindowHandles().stream()
          .filter(handle -> !handle.equals(confirmation)).findFirst().orElseThrow());
      elise.await(driver -> driver.findElement(By.tagName("body")).getText().contains("Bienvenue, Bruno !"));
      assertThat(elise.page()).contains(" vous écrit :", "Bienvenue, Bruno !\nÉlise",
          "Définir mon mot de passe");
      elise.screenshot("voir-l-e-mail");
      preview.close();
      elise.driver().switchTo().window(confirmation);

      elise.click(By.id("invitations-submit"));
      elise.awaitText(By.tagName("h1"), "Envoi des invitations");
      elise.awaitText(By.id("invitations-result"), "1 invitation envoyée");
      assertThat(elise.text(By.id("invitations-skipped")))
          .contains("1 personne n’a pas été invitée", "1 invitée il y a moins de 7 jours");
      elise.screenshot("envoi-sans-les-invites-recents");
      assertThat(Mailbox.text(awaitMail(mailbox, "bruno@" + domain, 1)).replace("\r\n", "\n"))
          .contains("Bienvenue, Bruno !\nÉlise");

      // "Relancer" on "Invité, pas encore connecté", including the recently invited: both were invited less than
      // 2 minutes ago (the interval of these tests' system; 10 by default), so the page says that nobody was
      // reminded, and why.
      remind(elise, gateway, group);
      assertThat(elise.text(By.id("invitations-result"))).startsWith("Aucune invitation envoyée");
      assertThat(elise.text(By.id("invitations-skipped"))).contains("2 invitées il y a moins de 2 minutes");
      elise.screenshot("relance-limitee");
      assertThat(mailbox.count("anna@" + domain)).isEqualTo(1);
      assertThat(mailbox.count("bruno@" + domain)).isEqualTo(1);

      // Once the interval has passed, "Relancer" goes: pressed again as a coordinator would, until each of them has
      // a reminder, which has its own wording. Whoever was just reminded is left out of the next press.
      Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
      while (mailbox.count("anna@" + domain) < 2 || mailbox.count("bruno@" + domain) < 2) {
        assertThat(Instant.now()).as("both reminded within 6 minutes").isBefore(deadline);
        remind(elise, gateway, group);
        if (!elise.text(By.id("invitations-result")).startsWith("Aucune invitation envoyée")) {
          elise.screenshot("relance-envoyee");
          awaitMails(mailbox, domain);
        }
        Thread.sleep(15_000); // between two presses, as a person would wait before pressing again
      }
    }
    for (String name : List.of("anna", "bruno")) {
      MimeMessage reminder = mailbox.messages(name + "@" + domain).get(1);
      assertThat(reminder.getSubject()).isEqualTo("Rappel : Élise Dupré vous invite sur Roster – AMAP des Lilas");
      assertThat(Mailbox.text(reminder)).containsPattern(
          "Vous avez été invité·e le \\d{1,2} \\p{L}+ \\d{4} par Élise Dupré à rejoindre AMAP des Lilas sur Roster");
    }
    assertThat(mailbox.count("anna@" + domain)).as("mails to Anna").isEqualTo(2);
    assertThat(mailbox.count("bruno@" + domain)).as("mails to Bruno").isEqualTo(2);
  }

  /** "Relancer" on "Invité, pas encore connecté", the recently invited included; answers on the progress page. */
  private static void remind(Browser elise, String gateway, String group) {
    elise.go(gateway + "/groups/" + group + "/members?selection=INVITED_NOT_ACTIVATED");
    elise.awaitText(By.id("list-title"), "Invité");
    elise.click(By.id("invitations-remind"));
    elise.awaitText(By.tagName("h1"), "Relancer les personnes invitées");
    assertThat(elise.text(By.id("outlook-invited-lately"))).startsWith("2 invitées il y a moins de 7 jours");
    elise.click(By.id("includeRecentlyInvited"));
    elise.screenshot("relancer");
    elise.click(By.id("invitations-submit"));
    elise.await(driver -> !elise.text(By.id("invitations-result")).isBlank());
  }

  /** Waits a little for the mails of a press that went (sending is asynchronous). */
  private static void awaitMails(Mailbox mailbox, String domain) throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(30));
    while ((mailbox.count("anna@" + domain) < 2 || mailbox.count("bruno@" + domain) < 2)
        && Instant.now().isBefore(until)) {
      Thread.sleep(200);
    }
  }

  /** The member's {@code count}-th mail, once it has arrived (sending is asynchronous). */
  private static MimeMessage awaitMail(Mailbox mailbox, String email, int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<MimeMessage> messages = mailbox.messages(email);
    while (messages.size() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      messages = mailbox.messages(email);
    }
    assertThat(messages).as("mails to " + email).hasSizeGreaterThanOrEqualTo(count);
    return messages.get(count - 1);
  }
}

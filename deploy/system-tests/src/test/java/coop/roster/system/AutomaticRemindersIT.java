package coop.roster.system;

import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic reminders in Chromium (user guide "Inviter les adhérents"): a coordinator invites a member, turns the
 * group's automatic reminders on in "Réglages" (a number out of range refused with its reason), and reads when the
 * member will be reminded on "Invité, pas encore connecté" and on the member's page. Screenshots in
 * {@code target/screenshots/automatic-reminders/}.
 */
@ExtendWith(RosterSystem.class)
class AutomaticRemindersIT {

  @Test
  void aCoordinatorTurnsAutomaticRemindersOnAndSeesWhenAnInvitedMemberWillBeReminded(RosterSystem system) {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String domain = group + ".example";
    String coordinator = "elise@" + domain;
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    String base = system.gatewayUrl() + "/groups/" + group;

    try (Browser elise = Browser.open("automatic-reminders")) {
      elise.go(base + "/members/new");
      elise.await(driver -> driver.getCurrentUrl().contains("/realms/roster/"));
      elise.type(By.id("username"), coordinator).type(By.id("password"), TestAccounts.PASSWORD);
      elise.click(By.id("kc-login"));
      elise.awaitText(By.tagName("h1"), "Nouvel adhérent");
      elise.type(By.id("email"), "rita@" + domain).type(By.id("firstName"), "Rita").type(By.id("lastName"), "Relance");
      elise.click("Ajouter l’adhérent");
      elise.awaitText(By.tagName("h1"), "Rita Relance");

      // Invited; once member-service knows the mail left, the badge says so, and no reminder is planned (off).
      elise.click("Envoyer une invitation");
      elise.awaitText(By.cssSelector(".notice.success"), "Invitation demandée pour Rita Relance");
      elise.await(driver -> {
        if (elise.page().contains("Invité(e) le")) {
          return true;
        }
        driver.navigate().refresh();
        return false;
      });
      assertThat(elise.page()).doesNotContain("Prochaine relance");

      // "Réglages": off, 7 days, 2 times by default; 0 days refused with the reason, then 3 days saved.
      elise.go(base + "/settings");
      elise.awaitText(By.tagName("h1"), "Réglages du groupe");
      assertThat(elise.find(By.id("remindersEnabled")).isSelected()).isFalse();
      assertThat(elise.find(By.id("remindersAfterDays")).getDomProperty("value")).isEqualTo("7");
      assertThat(elise.find(By.id("remindersAtMost")).getDomProperty("value")).isEqualTo("2");
      elise.click(By.id("remindersEnabled"));
      // The browser's own check of min="1" would stop the form before the service sees it: taken off for the test.
      ((org.openqa.selenium.JavascriptExecutor) elise.driver())
          .executeScript("document.getElementById('remindersAfterDays').removeAttribute('min')");
      elise.type(By.id("remindersAfterDays"), "0");
      elise.click(By.cssSelector("main form button[type=submit]"));
      elise.awaitText(By.cssSelector("main .field-error"), "« Relancer après » doit être entre 1 et 60 jours.");
      elise.screenshot("relances-refusees");
      elise.type(By.id("remindersAfterDays"), "3");
      elise.click(By.cssSelector("main form button[type=submit]"));
      elise.awaitText(By.cssSelector("main .notice.success"), "Réglages enregistrés.");
      assertThat(elise.find(By.id("remindersEnabled")).isSelected()).isTrue();
      assertThat(elise.find(By.id("remindersAfterDays")).getDomProperty("value")).isEqualTo("3");
      elise.screenshot("relances-automatiques");

      // The list of the invited shows when Rita will be reminded, three days after her invitation; so does her page.
      String inThreeDays = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(3)
          .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.FRENCH));
      elise.go(base + "/members?selection=INVITED_NOT_ACTIVATED");
      elise.awaitText(By.cssSelector("main table tbody"), "Rita");
      assertThat(elise.text(By.cssSelector("main table tbody .next-reminder")))
          .isEqualTo("Prochaine relance le " + inThreeDays);
      elise.screenshot("prochaine-relance-liste");
      elise.click(By.cssSelector("main table tbody a"));
      elise.awaitText(By.tagName("h1"), "Rita Relance");
      assertThat(elise.text(By.cssSelector("main .next-reminder"))).isEqualTo("Prochaine relance le " + inThreeDays);
      elise.screenshot("prochaine-relance-fiche");
    }
  }
}

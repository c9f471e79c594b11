package coop.roster.gateway.invitations;

import coop.roster.gateway.roster.InvitationOutlook;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The confirmation page's 7-day counts and the progress page's "left out" lines, as the bundles word them. */
class FollowUpWordingTest {

  private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

  FollowUpWordingTest() {
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    messages.setAlwaysUseMessageFormat(true);
  }

  @Test
  void theSevenDayCountsReadInGoodFrenchAndEnglish() {
    assertThat(counted("invitations.outlook.neverInvited", 0, Locale.FRENCH)).isEqualTo("Aucune jamais invitée");
    assertThat(counted("invitations.outlook.neverInvited", 3, Locale.FRENCH)).isEqualTo("3 jamais invitées");
    assertThat(counted("invitations.outlook.invitedLately", 1, Locale.FRENCH))
        .isEqualTo("1 invitée il y a moins de 7 jours (pas de nouvel e-mail, sauf si vous les incluez)");
    assertThat(counted("invitations.outlook.failed", 2, Locale.ENGLISH))
        .isEqualTo("2 failed invitations (sent again)");
    assertThat(counted("invitations.outlook.invitedLately", 1, Locale.ENGLISH))
        .startsWith("1 invited less than 7 days ago");
  }

  @Test
  void whomARequestLeftOutIsCountedAndExplained() {
    assertThat(counted("invitations.skipped", 1, Locale.FRENCH)).isEqualTo("1 personne n’a pas été invitée :");
    assertThat(counted("invitations.skipped.tooSoon", 2, 10, Locale.FRENCH))
        .isEqualTo("2 invitées il y a moins de 10 minutes (une invitation toutes les 10 minutes au plus)");
    // The limits as member-service is configured, not as they are by default.
    assertThat(counted("invitations.skipped.tooSoon", 1, 30, Locale.ENGLISH))
        .isEqualTo("1 invited less than 30 minutes ago (one invitation every 30 minutes at most)");
    assertThat(counted("invitations.skipped.dailyLimit", 3, 2, Locale.FRENCH))
        .isEqualTo("3 déjà invitées 2 fois en 24 heures, le maximum");
    assertThat(counted("invitations.skipped.recentlyInvited", 1, 14, Locale.FRENCH))
        .isEqualTo("1 invitée il y a moins de 14 jours");
    assertThat(counted("invitations.skipped", 4, Locale.ENGLISH)).isEqualTo("4 people were not invited:");
  }

  @Test
  void byDefaultTheRecentlyInvitedAreNotCountedAmongThoseToInvite() {
    InvitationOutlook outlook = new InvitationOutlook(10, 4, 5, 1, 7);

    assertThat(outlook.toInvite(false)).isEqualTo(5);
    assertThat(outlook.toInvite(true)).isEqualTo(10);
  }

  /** As the templates pass them: the count, the count written, the 7 days. */
  private String counted(String key, long count, Locale locale) {
    return counted(key, count, 7, locale);
  }

  /** The count, the count written, and the limit the line names. */
  private String counted(String key, long count, long limit, Locale locale) {
    return messages.getMessage(key, new Object[] {count, Long.toString(count), limit}, locale);
  }
}

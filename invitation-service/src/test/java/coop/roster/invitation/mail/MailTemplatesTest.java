package coop.roster.invitation.mail;

import coop.roster.invitation.InvitationSettings;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The two invitation mails, rendered from the real templates and bundles. */
class MailTemplatesTest {

  private static final String SET_PASSWORD_LINK = "https://sso.example/realms/roster/login-actions/action-token?key=k";

  private final MailTemplates templates = new MailTemplates(messages(), new InvitationSettings(
      URI.create("https://roster.example"), "gateway", Duration.ofDays(7), "ne-pas-repondre@roster.example",
      ZoneId.of("Europe/Paris"), new InvitationSettings.Smtp(0),
      new InvitationSettings.Retry(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1)),
      new InvitationSettings.Keycloak(URI.create("https://sso.example"), 1)));

  @Test
  void aMemberWithoutPasswordGetsTheSetPasswordButton() {
    RenderedMail mail = templates.render(invitation(Locale.FRENCH, SET_PASSWORD_LINK, Instant.parse("2026-12-13T10:00:00Z")));

    assertThat(mail.html()).contains("Définir mon mot de passe", SET_PASSWORD_LINK, "fonctionne une seule fois");
    assertThat(mail.text()).contains(SET_PASSWORD_LINK).doesNotContain("Vous avez déjà un compte");
  }

  @Test
  void aMemberWithAPasswordIsToldToLogInOrUseForgotPasswordInFrench() {
    RenderedMail mail = templates.render(invitation(Locale.FRENCH, null, null));

    assertThat(mail.html()).contains("Vous avez déjà un compte Roster", ">Connexion</a>",
            "href=\"https://roster.example/\"", "« Mot de passe oublié ? »")
        .doesNotContain("Définir mon mot de passe", "action-token", "fonctionne une seule fois", "??");
    assertThat(mail.text()).contains("Vous avez déjà un compte Roster", "Connexion :", "https://roster.example/",
            "« Mot de passe oublié ? »", "https://roster.example/comment-se-connecter")
        .doesNotContain("Définir mon mot de passe", "??");
  }

  @Test
  void aMemberWithAPasswordIsToldToLogInOrUseForgotPasswordInEnglish() {
    RenderedMail mail = templates.render(invitation(Locale.ENGLISH, null, null));

    assertThat(mail.text()).contains("You already have a Roster account", "Log in:", "\"Forgot your password?\"")
        .doesNotContain("Set my password", "Vous", "??");
  }

  @Test
  void theCoordinatorsNoteIsEscapedInHtmlKeepsItsLineBreaksAndIsWordForWordInText() {
    String note = "<img src=x onerror=alert(1)>\nÀ samedi & bienvenue";
    RenderedMail mail = templates.render(withNoteAndReminder(invitation(Locale.FRENCH, SET_PASSWORD_LINK,
        Instant.parse("2026-12-13T10:00:00Z")), note, null));

    assertThat(mail.html()).contains("Élise Dupré vous écrit :",
            "&lt;img src=x onerror=alert(1)&gt;<br>À samedi &amp; bienvenue")
        .doesNotContain("<img");
    assertThat(mail.text()).contains("Élise Dupré vous écrit :\n" + note + "\n");
    assertThat(mail.subject()).isEqualTo("Élise Dupré vous invite sur Roster – AMAP des Lilas");
  }

  @Test
  void withoutNoteTheMailSaysNothingOfOne() {
    RenderedMail mail = templates.render(invitation(Locale.FRENCH, SET_PASSWORD_LINK,
        Instant.parse("2026-12-13T10:00:00Z")));

    assertThat(mail.html()).doesNotContain("vous écrit");
    assertThat(mail.text()).doesNotContain("vous écrit");
  }

  @Test
  void aReminderRecallsTheDateOfTheInvitationInFrenchAndEnglish() {
    Instant invited = Instant.parse("2026-11-02T10:00:00Z");
    RenderedMail french = templates.render(withNoteAndReminder(invitation(Locale.FRENCH, SET_PASSWORD_LINK,
        Instant.parse("2026-12-13T10:00:00Z")), null, invited));
    RenderedMail english = templates.render(withNoteAndReminder(invitation(Locale.ENGLISH, SET_PASSWORD_LINK,
        Instant.parse("2026-12-13T10:00:00Z")), null, invited));

    assertThat(french.subject()).isEqualTo("Rappel : Élise Dupré vous invite sur Roster – AMAP des Lilas");
    assertThat(french.html()).contains("Vous avez été invité·e le 2 novembre 2026 par Élise Dupré")
        .doesNotContain("vous invite à rejoindre");
    assertThat(french.text()).contains("Vous avez été invité·e le 2 novembre 2026 par Élise Dupré");
    assertThat(english.subject()).isEqualTo("Reminder: Élise Dupré invites you to Roster – AMAP des Lilas");
    assertThat(english.text()).contains("You were invited on November 2, 2026 by Élise Dupré to join AMAP des Lilas");
  }

  private static Invitation withNoteAndReminder(Invitation invitation, String note, Instant reminderOf) {
    return new Invitation(invitation.locale(), invitation.groupName(), invitation.inviterName(),
        invitation.inviterEmail(), invitation.firstName(), invitation.lastName(), invitation.email(),
        invitation.link(), invitation.expiresAt(), note, reminderOf);
  }

  private static Invitation invitation(Locale locale, String link, Instant expiresAt) {
    return new Invitation(locale, "AMAP des Lilas", "Élise Dupré", "elise@amap-des-lilas.example", "Zoé", "Château",
        "zoe@example.org", link, expiresAt);
  }

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames("mail/messages");
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    messages.setFallbackToSystemLocale(false);
    return messages;
  }
}

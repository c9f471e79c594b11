package coop.roster.invitation.delivery;

import coop.roster.events.InvitationRequested;
import coop.roster.invitation.testing.RunningService;
import coop.roster.testing.Mailbox;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator's personal note and the reminder's wording, as the member receives them (GreenMail). */
class NoteAndReminderMailIT extends RunningService {

  private static final String NOTE = "<script>alert('lilas')</script>\nÀ samedi à la distribution,\nÉlise & Paul";
  private static final Instant INVITED = Instant.parse("2026-11-02T10:00:00Z");

  private final Mailbox mailbox = Mailbox.fromSystemProperties();

  @Test
  void theNoteIsShownAsTypedEscapedWithItsLineBreaksInBothParts() throws Exception {
    InvitationRequested invitation = withNoteAndReminder(request(1, "fr").getFirst(), NOTE, null);
    events.publish(invitation);
    awaitStatuses(events, invitation.requestId(), 1, Duration.ofSeconds(60));

    MimeMessage mail = mailbox.messages(invitation.email()).getFirst();
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    String plain = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
    String page = (String) parts.getBodyPart(1).getContent();

    assertThat(mail.getSubject()).isEqualTo("Élise Dupré vous invite sur Roster – AMAP des Lilas");
    assertThat(plain).contains("Élise Dupré vous écrit :\n" + NOTE + "\n");
    assertThat(page).doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;lilas&#39;)&lt;/script&gt;<br>À samedi à la distribution,<br>"
            + "Élise &amp; Paul</p>");
  }

  @Test
  void aReminderSaysWhenTheMemberWasInvitedInTheirLanguage() throws Exception {
    InvitationRequested french = withNoteAndReminder(request(1, "fr").getFirst(), null, INVITED);
    InvitationRequested english = withNoteAndReminder(request(1, "en").getFirst(), null, INVITED);
    events.publish(french);
    events.publish(english);
    awaitStatuses(events, french.requestId(), 1, Duration.ofSeconds(60));
    awaitStatuses(events, english.requestId(), 1, Duration.ofSeconds(60));

    MimeMessage frenchMail = mailbox.messages(french.email()).getFirst();
    MimeMessage englishMail = mailbox.messages(english.email()).getFirst();

    assertThat(frenchMail.getSubject()).isEqualTo("Rappel : Élise Dupré vous invite sur Roster – AMAP des Lilas");
    assertThat(Mailbox.text(frenchMail)).contains("Vous avez été invité·e le 2 novembre 2026 par Élise Dupré à "
        + "rejoindre AMAP des Lilas sur Roster, et votre compte n'est pas encore activé.", "Définir mon mot de passe");
    assertThat(englishMail.getSubject()).isEqualTo("Reminder: Élise Dupré invites you to Roster – AMAP des Lilas");
    assertThat(Mailbox.text(englishMail)).contains("You were invited on November 2, 2026 by Élise Dupré to join "
        + "AMAP des Lilas on Roster");
  }

  private static InvitationRequested withNoteAndReminder(InvitationRequested r, String note, Instant reminderOf) {
    return new InvitationRequested(r.eventId(), r.occurredAt(), r.requestId(), r.groupId(), r.memberId(), r.email(),
        r.firstName(), r.lastName(), r.locale(), r.groupName(), r.inviterName(), r.inviterEmail(), note, reminderOf);
  }
}

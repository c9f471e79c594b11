package coop.roster.invitation.mail;

import java.time.Instant;
import java.util.Locale;

/**
 * Everything one invitation e-mail says.
 *
 * @param link      the member's set-password link (or a placeholder in a preview); {@code null} when the
 *                  member has a password already: the mail then invites them to log in
 * @param expiresAt until when the link works; {@code null} without a link
 * @param note       the coordinator's personal note, as typed (plain text), or {@code null}
 * @param reminderOf when this reminds the member of an invitation ("Vous avez été invité le …"), its time; else
 *                   {@code null}
 */
public record Invitation(Locale locale, String groupName, String inviterName, String inviterEmail,
    String firstName, String lastName, String email, String link, Instant expiresAt, String note,
    Instant reminderOf) {

  /** A first invitation without note. */
  public Invitation(Locale locale, String groupName, String inviterName, String inviterEmail, String firstName,
      String lastName, String email, String link, Instant expiresAt) {
    this(locale, groupName, inviterName, inviterEmail, firstName, lastName, email, link, expiresAt, null, null);
  }

  /** The note's lines, as typed (line breaks kept), or none. */
  public java.util.List<String> noteLines() {
    return note == null || note.isBlank() ? java.util.List.of() : note.strip().lines().toList();
  }

  /** French unless the tag asks for English: the two languages Roster speaks, French first. */
  public static Locale language(String tag) {
    return tag != null && Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage().equals("en")
        ? Locale.ENGLISH : Locale.FRENCH;
  }

  /** Whether the mail invites to log in ("Connexion", "Mot de passe oublié ?") rather than to set a password. */
  public boolean toLogIn() {
    return link == null;
  }

  /** The person's name as an address shows it, or {@code null}. */
  public String fullName() {
    String name = ((firstName == null ? "" : firstName.strip()) + " " + (lastName == null ? "" : lastName.strip()))
        .strip();
    return name.isEmpty() ? null : name;
  }
}

package coop.roster.invitation.mail;

import java.time.Instant;
import java.util.Locale;

/**
 * Everything one invitation e-mail says.
 *
 * @param link      the member's set-password link (or a placeholder in a preview); {@code null} when the
 *                  member has a password already: the mail then invites them to log in
 * @param expiresAt until when the link works; {@code null} without a link
 */
public record Invitation(Locale locale, String groupName, String inviterName, String inviterEmail,
    String firstName, String lastName, String email, String link, Instant expiresAt) {

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

package coop.roster.invitation.mail;

import java.time.Instant;
import java.util.Locale;

/**
 * Everything one invitation e-mail says.
 *
 * @param link      the member's set-password link (or a placeholder in a preview)
 * @param expiresAt until when the link works
 */
public record Invitation(Locale locale, String groupName, String inviterName, String inviterEmail,
    String firstName, String lastName, String email, String link, Instant expiresAt) {

  /** French unless the tag asks for English: the two languages Roster speaks, French first. */
  public static Locale language(String tag) {
    return tag != null && Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage().equals("en")
        ? Locale.ENGLISH : Locale.FRENCH;
  }

  /** The person's name as an address shows it, or {@code null}. */
  public String fullName() {
    String name = ((firstName == null ? "" : firstName.strip()) + " " + (lastName == null ? "" : lastName.strip()))
        .strip();
    return name.isEmpty() ? null : name;
  }
}

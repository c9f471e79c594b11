package coop.roster.events;

import java.text.Normalizer;
import java.util.Locale;

/** The normal form of an e-mail address, the same in every service and in every key. */
public final class Emails {

  /** Trimmed, Unicode NFC-normalised and lower-cased; {@code null} stays {@code null}. */
  public static String normalize(String email) {
    if (email == null) {
      return null;
    }
    return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  private Emails() {
  }
}

package coop.roster.imports.checking;

import java.util.Locale;
import java.util.Set;

/**
 * Names are kept as typed, except a name typed all in capitals or all in small letters, which gets
 * a capital at the start of each word ("DUPRÉ" → "Dupré", "jean-pierre" → "Jean-Pierre"). A name
 * that mixes cases ("de La Fontaine", "McLean") is someone's choice and stays as it is.
 */
final class Names {

  /** Particles that stay in small letters inside a name ("Jean de La Fontaine", "Van der Berg"). */
  private static final Set<String> PARTICLES = Set.of("de", "d", "du", "des", "van", "von", "der", "den", "di",
      "da", "del", "della", "dos", "das", "ten", "ter");

  static String tidy(String name) {
    if (name.isEmpty() || !singleCase(name)) {
      return name;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder tidy = new StringBuilder(lower.length());
    int start = 0;
    boolean firstWord = true;
    for (int i = 0; i <= lower.length(); i++) {
      if (i == lower.length() || isWordBreak(lower.charAt(i))) {
        String word = lower.substring(start, i);
        boolean particle = !firstWord && PARTICLES.contains(word);
        tidy.append(particle || word.isEmpty() ? word : capitalise(word));
        if (i < lower.length()) {
          tidy.append(lower.charAt(i));
        }
        firstWord &= word.isEmpty();
        start = i + 1;
      }
    }
    return tidy.toString();
  }

  private static boolean isWordBreak(char c) {
    return c == ' ' || c == '-' || c == '\'' || c == '’';
  }

  private static String capitalise(String word) {
    int first = word.codePointAt(0);
    return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
        .append(word, Character.charCount(first), word.length()).toString();
  }

  private static boolean singleCase(String name) {
    boolean upper = false;
    boolean lower = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
    }
    return upper != lower;
  }

  private Names() {
  }
}

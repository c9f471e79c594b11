package coop.roster.imports.checking;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * The languages a member may prefer, as people type them in a "Langue" column: a code ("fr", "EN",
 * "fr-FR", "en_GB") or a name in French or English ("Français", "francais", "anglais", "English"),
 * whatever the case and accents.
 */
final class Languages {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  /** A region or script after the language ("fr-FR", "en_GB", "English (UK)") says nothing more here. */
  private static final Pattern AFTER_LANGUAGE = Pattern.compile("[-_ (].*$");

  private static final Map<String, String> TAGS = Map.ofEntries(
      entry("fr", "fr"), entry("fra", "fr"), entry("fre", "fr"), entry("francais", "fr"), entry("french", "fr"),
      entry("en", "en"), entry("eng", "en"), entry("anglais", "en"), entry("english", "en"));

  /** {@code fr} or {@code en}, or {@code null} when the value names neither. */
  static String tag(String typed) {
    String decomposed = Normalizer.normalize(typed.strip(), Normalizer.Form.NFD);
    String word = AFTER_LANGUAGE.matcher(MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT))
        .replaceFirst("");
    return TAGS.get(word);
  }

  private Languages() {
  }
}

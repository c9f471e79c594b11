package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.Person;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Text folded for comparison: lower case, without accents, so that "Élise" sorts with "elise" and a
 * search for "dupre" finds "Dupré".
 */
public final class Folded {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Folded() {
  }

  /** Lower case, accents removed, ligatures split ("Œuvre" → "oeuvre"), spaces collapsed. */
  public static String of(String text) {
    if (text == null) {
      return "";
    }
    // Most names and every e-mail are plain ASCII, which has no accents to remove: an import folds a dozen
    // values per row.
    String unaccented = ascii(text) ? text : MARKS.matcher(Normalizer.normalize(text.replace("œ", "oe")
        .replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae").replace("ß", "ss"), Normalizer.Form.NFKD))
        .replaceAll("");
    return SPACES.matcher(unaccented.toLowerCase(Locale.ROOT).strip()).replaceAll(" ");
  }

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  static String sortName(Person person) {
    return of(person.lastName()) + "\u0001" + of(person.firstName());
  }

  /**
   * The words a member can be found by, space-separated with a space at each end: names, e-mails (whole and
   * in parts), the partner's, the city. A search word matches when a word here starts with it.
   */
  static String searchText(Person person, Person partner, Address address) {
    Set<String> words = new LinkedHashSet<>();
    Stream.of(person, partner).filter(p -> p != null).forEach(p -> {
      words(p.firstName(), words);
      words(p.lastName(), words);
      if (p.email() != null) {
        words.add(of(p.email()));
        words(p.email().replace('@', ' '), words);
      }
    });
    if (address != null) {
      words(address.city(), words);
    }
    return " " + String.join(" ", words) + " ";
  }

  /**
   * The words of a search, folded, each to be found at the start of a word of {@link #searchText}: an
   * e-mail stays whole, anything else is cut where the text is cut ("Jean-Pierre" → "jean", "pierre").
   */
  static List<String> searchWords(String query) {
    List<String> words = new ArrayList<>();
    for (String word : SPACES.split(of(query))) {
      if (word.contains("@")) {
        words.add(word);
      } else {
        words(word, words);
      }
    }
    return words;
  }

  /** Whether every search word starts a word of the search text. */
  static boolean matches(String searchText, List<String> searchWords) {
    for (String word : searchWords) {
      if (!searchText.contains(" " + word)) {
        return false;
      }
    }
    return true;
  }

  private static void words(String text, Collection<String> into) {
    for (String word : SEPARATORS.split(of(text))) {
      if (!word.isBlank()) {
        into.add(word);
      }
    }
  }
}

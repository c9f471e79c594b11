package coop.roster.imports.checking;

import java.util.regex.Pattern;

/** How a typed value is tidied before it is checked and imported; values are data, never evaluated. */
final class Values {

  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\uFEFF]+");

  /**
   * Trimmed, every run of spaces (line breaks and non-breaking spaces included) made one space,
   * and the apostrophe a spreadsheet export puts before {@code = + - @} to stop a formula removed,
   * once, as member-service's export adds it.
   */
  static String clean(String raw) {
    if (raw == null) {
      return "";
    }
    String value = tidy(raw) ? raw : SPACES.matcher(raw).replaceAll(" ").strip();
    if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0) {
      value = value.substring(1);
    }
    return value;
  }

  /** Whether the value has nothing to clean: most cells, which then cost no regular expression. */
  private static boolean tidy(String value) {
    if (value.isEmpty()) {
      return true;
    }
    if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean space = c == ' ';
      if (space ? value.charAt(i - 1) == ' ' : c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)
          || c == '\uFEFF') {
        return false;
      }
    }
    return true;
  }

  private Values() {
  }
}

package coop.roster.imports.spreadsheet;

import java.nio.charset.Charset;

/**
 * How to read a file's text: its encoding, how many bytes of byte-order mark to skip, and the
 * character that separates its columns.
 */
public record FileFormat(Charset charset, int bomLength, char separator) {

  /** The separator as a coordinator would name it. */
  public String separatorName() {
    return switch (separator) {
      case '\t' -> "tab";
      default -> String.valueOf(separator);
    };
  }
}

package coop.roster.imports.spreadsheet;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How to read a file's text: its encoding, how many bytes of byte-order mark to skip, and the
 * character that separates its columns.
 */
public record FileFormat(Charset charset, int bomLength, char separator) {

  /**
   * A workbook's cells are text already: it is given this format (UTF-8, {@code ;}, as the CSV
   * template), and the reader knows it again from its first bytes.
   */
  public static final FileFormat WORKBOOK = new FileFormat(StandardCharsets.UTF_8, 0, ';');

  /** The separator as a coordinator would name it. */
  public String separatorName() {
    return switch (separator) {
      case '\t' -> "tab";
      default -> String.valueOf(separator);
    };
  }
}

package coop.roster.imports.spreadsheet;

import java.util.List;

/**
 * One row of the spreadsheet as it was typed.
 *
 * @param line the row's number as the spreadsheet shows it (the first row is 1)
 */
public record Row(long line, List<String> cells) {

  public String cell(int index) {
    return index < cells.size() ? cells.get(index) : "";
  }

  public boolean isBlank() {
    return cells.stream().allMatch(String::isBlank);
  }
}

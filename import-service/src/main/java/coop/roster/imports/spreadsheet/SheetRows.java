package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers a sheet's cells into rows as the workbook readers meet them, and hands on the rows that
 * hold something, numbered as the spreadsheet numbers them, within the same limits as a CSV file:
 * the row count, and a row's length counted as CSV would write it (a separator per column).
 */
final class SheetRows {

  private final SpreadsheetLimits limits;
  private final Consumer<Row> rows;
  private final List<String> cells = new ArrayList<>();
  private long line;
  private long length;
  private long count;

  SheetRows(SpreadsheetLimits limits, Consumer<Row> rows) {
    this.limits = limits;
    this.rows = rows;
  }

  /** Starts the row the spreadsheet numbers {@code line} (the first is 1). */
  void startRow(long line) {
    this.line = line;
    cells.clear();
    length = 0;
  }

  /** The row being read. */
  long line() {
    return line;
  }

  /** A cell of the current row; columns count from 0 and come in order, the ones skipped are empty. */
  void cell(int column, String text) {
    if (text == null || text.isEmpty() || column < cells.size()) {
      return;
    }
    length += (column - cells.size()) + text.length() + (cells.isEmpty() ? 0 : 1);
    if (column > limits.maxLineLength() || length > limits.maxLineLength()) {
      throw new UnreadableFileException(Reason.LINE_TOO_LONG, line, limits.maxLineLength());
    }
    while (cells.size() < column) {
      cells.add("");
    }
    cells.add(text);
  }

  /** Ends the current row, repeated {@code times} on the lines that follow it (OpenDocument's repeated rows). */
  void endRow(long times) {
    if (cells.stream().allMatch(String::isBlank)) {
      return;  // blank rows are skipped; the next rows keep their own numbers
    }
    List<String> row = List.copyOf(cells);
    for (long i = 0; i < times; i++) {
      if (++count > limits.maxRows() + 1L) {
        throw new UnreadableFileException(Reason.TOO_MANY_ROWS, limits.maxRows());
      }
      rows.accept(new Row(line + i, row));
    }
  }

  void endRow() {
    endRow(1);
  }
}

package coop.roster.imports.spreadsheet;

import java.io.IOException;
import java.util.List;

/** A workbook opened to read one of its sheets a row at a time. */
interface Workbook extends AutoCloseable {

  List<Sheet> sheets() throws IOException;

  /**
   * Hands the rows of the sheet named {@code sheet} to {@code rows}; of the first sheet the
   * spreadsheet shows when {@code sheet} is {@code null}.
   *
   * @throws UnreadableFileException {@code NO_SUCH_SHEET} when the workbook has no sheet of that name
   */
  void read(String sheet, SheetRows rows) throws IOException;

  @Override
  void close() throws IOException;
}

package coop.roster.imports.job;

import coop.roster.imports.checking.CheckedRow;
import coop.roster.imports.checking.ColumnMapping;
import coop.roster.imports.checking.Field;
import coop.roster.imports.checking.RowChecker;
import coop.roster.imports.spreadsheet.FileFormat;
import coop.roster.imports.spreadsheet.Row;
import coop.roster.imports.spreadsheet.SpreadsheetReader;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a stored upload with its mapping and checks each row, the same way for the preview and for
 * publishing: the rows published are exactly the rows the preview counted as valid.
 */
final class CheckedFile {

  /** Receives each row holding something, as typed and as checked. */
  interface RowHandler {
    void handle(Row row, CheckedRow checked);
  }

  private CheckedFile() {
  }

  static FileFormat format(ImportJob job) {
    return new FileFormat(Charset.forName(job.charset()), job.bomLength(), separator(job.separator()));
  }

  static void read(UploadedFiles files, ImportJob job, ColumnMapping mapping, SpreadsheetReader reader,
      Predicate<String> alreadyMember, RowHandler handler) {
    RowChecker checker = new RowChecker(mapping, alreadyMember, reader.limits().maxFieldLength());
    boolean[] first = {true};
    reader.read(files.open(job.fileId()), format(job), job.sheet(), row -> {
      boolean header = first[0] && mapping.headerRow();
      first[0] = false;
      if (header) {
        return;
      }
      CheckedRow checked = checker.check(row);
      if (checked != null) {
        handler.handle(row, checked);
      }
    });
  }

  /** The row's values as typed, tidied of spaces, by field: what a rejected-rows file gives back. */
  static Map<String, String> typed(Row row, ColumnMapping mapping) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Field field : Field.values()) {
      int column = mapping.indexOf(field);
      if (column >= 0) {
        values.put(field.name(), RowChecker.typed(row.cell(column)));
      }
    }
    return values;
  }

  private static char separator(String name) {
    return "tab".equals(name) ? '\t' : name.charAt(0);
  }
}

package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Reads a file's rows one at a time, never the whole file in memory: RFC 4180 quoting (separators,
 * doubled quotes and line breaks inside quotes), CRLF, LF or CR endings. A byte sequence the
 * encoding cannot read, a row longer than the limit or more rows than allowed stop the reading
 * with the row where it happened. A workbook (.xlsx, .xlsm, .ods), known by its first bytes, is
 * read from one sheet, its cells as the spreadsheet shows them, its blank rows left out.
 */
public final class SpreadsheetReader {

  private final SpreadsheetLimits limits;

  public SpreadsheetReader(SpreadsheetLimits limits) {
    this.limits = limits;
  }

  public SpreadsheetLimits limits() {
    return limits;
  }

  /**
   * Hands every row of the file, blank ones included, to {@code rows}, in order.
   *
   * @throws UnreadableFileException when the file cannot be read to its end as it is
   */
  public void read(InputStream bytes, FileFormat format, Consumer<Row> rows) {
    read(bytes, format, null, rows);
  }

  /**
   * As {@link #read(InputStream, FileFormat, Consumer)}, from the sheet of a workbook named
   * {@code sheet} ({@code null}: the first the spreadsheet shows); a CSV file has one sheet, read
   * whatever the name.
   */
  public void read(InputStream bytes, FileFormat format, String sheet, Consumer<Row> rows) {
    BufferedInputStream in = new BufferedInputStream(bytes);
    byte[] firstBytes = firstBytes(in);
    if (Workbooks.isWorkbook(firstBytes)) {
      readWorkbook(in, firstBytes, sheet, rows);
    } else {
      readText(in, format, rows);
    }
  }

  /**
   * The sheets of a workbook, in its order, with whether each is hidden; an empty list for a CSV
   * file.
   *
   * @throws UnreadableFileException when the workbook cannot be read
   */
  public List<Sheet> sheets(InputStream bytes) {
    BufferedInputStream in = new BufferedInputStream(bytes);
    byte[] firstBytes = firstBytes(in);
    if (!Workbooks.isWorkbook(firstBytes)) {
      close(in);
      return List.of();
    }
    try (var file = Workbooks.TemporaryFile.of(in); Workbook workbook = Workbooks.open(file.path(), firstBytes)) {
      return workbook.sheets();
    } catch (IOException e) {
      throw Workbooks.damaged(e);
    }
  }

  private void readWorkbook(InputStream in, byte[] firstBytes, String sheet, Consumer<Row> rows) {
    try (var file = Workbooks.TemporaryFile.of(in); Workbook workbook = Workbooks.open(file.path(), firstBytes)) {
      workbook.read(sheet, new SheetRows(limits, rows));
    } catch (IOException e) {
      throw Workbooks.damaged(e);
    }
  }

  private static byte[] firstBytes(BufferedInputStream in) {
    try {
      in.mark(8);
      byte[] first = in.readNBytes(8);
      in.reset();
      return first;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readText(InputStream bytes, FileFormat format, Consumer<Row> rows) {
    try (InputStream in = bytes) {
      in.skipNBytes(format.bomLength());
      var guard = new RecordLengthGuard(new StrictDecoder(in, format.charset()), format.separator(),
          limits.maxLineLength());
      CSVFormat csv = CSVFormat.RFC4180.builder()
          .setDelimiter(format.separator())
          .setIgnoreEmptyLines(false)
          .setLenientEof(true)
          .setTrailingData(true)
          .get();
      try (CSVParser parser = CSVParser.parse(guard, csv)) {
        Iterator<CSVRecord> records = parser.iterator();
        long offset = 0;
        long count = 0;
        while (hasNext(records, guard)) {
          CSVRecord record = records.next();
          if (record.getRecordNumber() == 1 && isExcelSeparatorHint(record, format.separator())) {
            offset = 1;  // Excel hides its "sep=" line: the coordinator's rows start after it
            continue;
          }
          if (++count > limits.maxRows() + 1L) {
            throw new UnreadableFileException(Reason.TOO_MANY_ROWS, limits.maxRows());
          }
          rows.accept(new Row(record.getRecordNumber() - offset, record.toList()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's first row, or an empty list for a file without any. */
  public List<String> firstRow(InputStream bytes, FileFormat format) {
    return firstRow(bytes, format, null);
  }

  /** The first row of the workbook's sheet named {@code sheet} ({@code null}: the first shown), or of a CSV file. */
  public List<String> firstRow(InputStream bytes, FileFormat format, String sheet) {
    List<List<String>> first = new ArrayList<>(1);
    try {
      read(bytes, format, sheet, row -> {
        first.add(row.cells());
        throw new FirstRowRead();
      });
    } catch (FirstRowRead expected) {
      // the rest of the file is not needed
    }
    return first.isEmpty() ? List.of() : first.getFirst();
  }

  /** Ends a reading early once the first row is known. */
  private static final class FirstRowRead extends RuntimeException {
    FirstRowRead() {
      super(null, null, false, false);
    }
  }

  private static boolean hasNext(Iterator<CSVRecord> records, RecordLengthGuard guard) {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      if (causedBy(e, CharacterCodingException.class)) {
        throw new UnreadableFileException(Reason.INVALID_BYTES, guard.row());
      }
      throw e;
    } catch (NoSuchElementException e) {
      return false;
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isExcelSeparatorHint(CSVRecord record, char separator) {
    return String.join(String.valueOf(separator), record.toList()).equalsIgnoreCase("sep=" + separator);
  }
}

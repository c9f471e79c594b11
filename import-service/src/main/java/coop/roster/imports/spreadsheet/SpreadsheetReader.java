package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
 * with the row where it happened.
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
    List<List<String>> first = new ArrayList<>(1);
    try {
      read(bytes, format, row -> {
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

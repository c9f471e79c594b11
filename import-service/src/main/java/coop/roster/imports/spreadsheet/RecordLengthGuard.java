package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops reading when one row grows longer than any real one, before the parser holds it in
 * memory. Follows quotes as the parser does, so a line break inside a quoted address does not
 * end the row and a separator inside quotes does not start a column.
 */
final class RecordLengthGuard extends FilterReader {

  private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

  private final char separator;
  private final int maxLength;
  private State state = State.FIELD_START;
  private int length;
  private long row = 1;
  private boolean afterCarriageReturn;

  RecordLengthGuard(Reader in, char separator, int maxLength) {
    super(in);
    this.separator = separator;
    this.maxLength = maxLength;
  }

  /** The row being read, for messages. */
  long row() {
    return row;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      see((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int count) throws IOException {
    int read = super.read(buffer, offset, count);
    for (int i = offset; i < offset + read; i++) {
      see(buffer[i]);
    }
    return read;
  }

  private void see(char c) {
    boolean lineFeedOfCrLf = c == '\n' && afterCarriageReturn;
    afterCarriageReturn = c == '\r';
    if (lineFeedOfCrLf) {
      return;
    }
    switch (state) {
      case FIELD_START, UNQUOTED -> {
        if (c == '\n' || c == '\r') {
          endRow(c);
          return;
        }
        state = c == separator ? State.FIELD_START
            : c == '"' && state == State.FIELD_START ? State.QUOTED : State.UNQUOTED;
      }
      case QUOTED -> {
        if (c == '"') {
          state = State.QUOTE_IN_QUOTED;
        }
      }
      case QUOTE_IN_QUOTED -> {
        if (c == '\n' || c == '\r') {
          endRow(c);
          return;
        }
        state = c == '"' ? State.QUOTED : c == separator ? State.FIELD_START : State.UNQUOTED;
      }
    }
    if (++length > maxLength) {
      throw new UnreadableFileException(Reason.LINE_TOO_LONG, row, maxLength);
    }
  }

  private void endRow(char c) {
    length = 0;
    state = State.FIELD_START;
    row++;
  }
}

package coop.roster.imports.spreadsheet;

/**
 * The file cannot be imported as it is; {@code reason} and {@code arguments} make the message the
 * coordinator reads ({@code import.file.<reason>} in the bundles).
 */
public class UnreadableFileException extends RuntimeException {

  /** Why a file is refused; each has its message in the bundles. */
  public enum Reason {
    EMPTY, HEADER_ONLY, NOT_TEXT, SPREADSHEET_NOT_CSV, IMAGE, PDF, INVALID_BYTES, TOO_MANY_ROWS,
    LINE_TOO_LONG, TOO_LARGE
  }

  private final Reason reason;
  private final transient Object[] arguments;

  public UnreadableFileException(Reason reason, Object... arguments) {
    super(reason + " " + java.util.Arrays.toString(arguments));
    this.reason = reason;
    this.arguments = arguments;
  }

  public Reason reason() {
    return reason;
  }

  public Object[] arguments() {
    return arguments.clone();
  }
}

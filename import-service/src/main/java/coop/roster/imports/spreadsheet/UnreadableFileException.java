package coop.roster.imports.spreadsheet;

/**
 * The file cannot be imported as it is; {@code reason} and {@code arguments} make the message the
 * coordinator reads ({@code import.file.<reason>} in the bundles).
 */
public class UnreadableFileException extends RuntimeException {

  /** Why a file is refused; each has its message in the bundles. */
  public enum Reason {
    EMPTY, HEADER_ONLY, NOT_TEXT, IMAGE, PDF, INVALID_BYTES, TOO_MANY_ROWS,
    LINE_TOO_LONG, TOO_LARGE,
    /** An Excel 97-2003 workbook (.xls). */
    OLD_EXCEL,
    /** A workbook opened with a password. */
    WORKBOOK_PROTECTED,
    /** A workbook that unpacks to far more than it holds (a "ZIP bomb"). */
    WORKBOOK_BOMB,
    /** A ZIP or OLE2 file that cannot be read to its end. */
    WORKBOOK_DAMAGED,
    /** A ZIP or OLE2 file that is not a workbook (a Word document, an archive). */
    NOT_A_WORKBOOK,
    /** A sheet asked for by a name the workbook does not have. */
    NO_SUCH_SHEET
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

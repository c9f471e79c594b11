package coop.roster.imports.checking;

import java.util.List;

/**
 * One problem of one row.
 *
 * @param line      the row's number in the spreadsheet
 * @param column    the column's index (0 for A), or -1 when the problem is about the whole row
 * @param field     the field concerned, or {@code null}
 * @param arguments what the message shows besides line and column (the value, the other line...)
 */
public record Problem(long line, int column, Field field, ProblemCode code, List<String> arguments) {

  public Problem {
    arguments = List.copyOf(arguments);
  }

  public Severity severity() {
    return code.severity();
  }
}

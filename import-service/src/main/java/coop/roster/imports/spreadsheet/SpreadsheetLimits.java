package coop.roster.imports.spreadsheet;

/**
 * What the service accepts from one file.
 *
 * @param maxRows        rows of members, header excluded
 * @param maxLineLength  characters of one row, quoted line breaks included
 * @param maxFieldLength characters of one recognised cell
 */
public record SpreadsheetLimits(int maxRows, int maxLineLength, int maxFieldLength) {
}

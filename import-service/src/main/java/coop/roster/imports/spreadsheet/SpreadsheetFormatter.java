package coop.roster.imports.spreadsheet;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Cell values as a French spreadsheet shows them: numbers with the cell's format (POI's
 * {@link DataFormatter}, French decimal comma), dates written {@code dd/MM/yyyy} whatever format
 * or locale the workbook was saved with, as the rest of Roster writes them.
 */
final class SpreadsheetFormatter extends DataFormatter {

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  SpreadsheetFormatter() {
    super(Locale.FRANCE);
  }

  @Override
  public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
    if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)
        && showsADay(formatString)) {
      return text(DateUtil.getLocalDateTime(value, use1904Windowing));
    }
    return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
  }

  /** The date, with its time when it has one. */
  static String text(LocalDateTime dateTime) {
    return dateTime.toLocalTime().equals(LocalTime.MIDNIGHT) ? DATE.format(dateTime)
        : DATE_TIME.format(dateTime);
  }

  /** A date format rather than a duration or a time of day: it writes a day or a year. */
  private static boolean showsADay(String formatString) {
    String unquoted = formatString == null ? "" : formatString.replaceAll("\"[^\"]*\"|\\[[^]]*]", "");
    return unquoted.toLowerCase(Locale.ROOT).matches(".*[dy].*");
  }
}

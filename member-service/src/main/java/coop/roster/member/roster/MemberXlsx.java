package coop.roster.member.roster;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;

/**
 * The roster as an Excel workbook, in {@link MemberCsv}'s columns: written row by row with POI's streaming
 * writer (a window of rows in memory, the rest in a compressed temporary file), every cell a text cell in the
 * text format {@code @}, so phone numbers and postcodes keep their zeros and spaces and nothing is a formula.
 * A cell starting like a formula is also marked quote-prefixed, as Excel marks a cell typed with an apostrophe,
 * so editing it in Excel does not turn it into one.
 */
final class MemberXlsx {

  private static final int ROWS_IN_MEMORY = 100;

  private MemberXlsx() {
  }

  static void write(Iterator<Households.Listed> members, String sheetName, OutputStream out) throws IOException {
    SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    workbook.setCompressTempFiles(true);
    try {
      CellStyle text = workbook.createCellStyle();
      text.setDataFormat(workbook.createDataFormat().getFormat("@"));
      CellStyle quoted = workbook.createCellStyle();
      quoted.cloneStyleFrom(text);
      quoted.setQuotePrefixed(true);
      Sheet sheet = workbook.createSheet(sheetName);
      for (int column = 0; column < MemberCsv.HEADERS.size(); column++) {
        sheet.setDefaultColumnStyle(column, text);
        sheet.setColumnWidth(column, 20 * 256);
      }
      sheet.createFreezePane(0, 1);
      writeRow(sheet.createRow(0), MemberCsv.HEADERS, text, quoted);
      int line = 1;
      while (members.hasNext()) {
        writeRow(sheet.createRow(line++), MemberCsv.row(members.next()), text, quoted);
      }
      workbook.write(out);
    } finally {
      workbook.close();
    }
  }

  private static void writeRow(Row row, List<String> cells, CellStyle text, CellStyle quoted) {
    for (int column = 0; column < cells.size(); column++) {
      String value = cells.get(column);
      if (value != null && !value.isEmpty()) {
        var cell = row.createCell(column);
        cell.setCellStyle(MemberCsv.neutralised(value).equals(value) ? text : quoted);
        cell.setCellValue(value);
      }
    }
  }
}

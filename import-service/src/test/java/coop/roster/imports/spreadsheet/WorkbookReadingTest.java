package coop.roster.imports.spreadsheet;

import coop.roster.imports.WorkbookFiles;
import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkbookReadingTest {

  private final SpreadsheetReader reader = new SpreadsheetReader(new SpreadsheetLimits(5, 200, 100));

  @Test
  void readsAnXlsxCellsAsExcelShowsThemAndFormulasByTheirSavedValue() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> {
      XSSFSheet sheet = workbook.createSheet("Adhérents");
      row(sheet, 0, "Prénom", "Nom", "Téléphone", "Cotisation", "Inscription");
      XSSFRow anne = sheet.createRow(1);
      anne.createCell(0).setCellValue("Anne");
      anne.createCell(1).setCellFormula("UPPER(\"ignored\")");
      anne.getCell(1).setCellValue("Dupré");  // the value Excel saved with the formula
      anne.createCell(2).setCellValue(612345678);
      anne.createCell(3).setCellValue(12.5);
      anne.getCell(3).setCellStyle(style(workbook, "0.00"));
      anne.createCell(4).setCellValue(LocalDate.of(2024, 3, 15));
      anne.getCell(4).setCellStyle(style(workbook, "m/d/yy"));
    });

    assertThat(read(xlsx)).containsExactly(
        new Row(1, List.of("Prénom", "Nom", "Téléphone", "Cotisation", "Inscription")),
        new Row(2, List.of("Anne", "Dupré", "612345678", "12,50", "15/03/2024")));
  }

  @Test
  void readsTheDataOfAMacroEnabledWorkbook() {
    byte[] xlsm = WorkbookFiles.xlsx(workbook -> {
      workbook.setWorkbookType(XSSFWorkbookType.XLSM);
      row(workbook.createSheet("Adhérents"), 0, "Prénom", "Nom");
    });

    assertThat(read(xlsm)).containsExactly(new Row(1, List.of("Prénom", "Nom")));
  }

  @Test
  void skipsBlankRowsAndKeepsTheSpreadsheetsLineNumbersAndEmptyCellsInBetween() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> {
      XSSFSheet sheet = workbook.createSheet("Adhérents");
      row(sheet, 2, "Prénom", "Nom", "Courriel");
      row(sheet, 3, "Anne", "", "anne@example.org");
      row(sheet, 4, "", " ", "");
      sheet.createRow(6).createCell(2).setCellValue("paul@example.org");
    });

    assertThat(read(xlsx)).containsExactly(
        new Row(3, List.of("Prénom", "Nom", "Courriel")),
        new Row(4, List.of("Anne", "", "anne@example.org")),
        new Row(7, List.of("", "", "paul@example.org")));
  }

  @Test
  void givesAMergedHeadersValueToItsFirstColumn() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> {
      XSSFSheet sheet = workbook.createSheet("Adhérents");
      row(sheet, 0, "Prénom", "Nom", "", "Courriel");
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 1, 2));
      row(sheet, 1, "Anne", "Dupré", "épouse Martin", "anne@example.org");
    });

    assertThat(read(xlsx).getFirst().cells()).containsExactly("Prénom", "Nom", "", "Courriel");
  }

  @Test
  void readsTheFirstVisibleSheetByDefaultAndListsEverySheet() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> {
      row(workbook.createSheet("Notes"), 0, "caché");
      row(workbook.createSheet("Adhérents"), 0, "Prénom");
      row(workbook.createSheet("Anciens"), 0, "Ancien");
      workbook.setSheetHidden(0, true);
      workbook.setActiveSheet(1);
    });

    assertThat(reader.sheets(new ByteArrayInputStream(xlsx))).containsExactly(
        new Sheet("Notes", true), new Sheet("Adhérents", false), new Sheet("Anciens", false));
    assertThat(read(xlsx)).containsExactly(new Row(1, List.of("Prénom")));
    List<Row> rows = new ArrayList<>();
    reader.read(new ByteArrayInputStream(xlsx), FileFormat.WORKBOOK, "Anciens", rows::add);
    assertThat(rows).containsExactly(new Row(1, List.of("Ancien")));
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(xlsx), FileFormat.WORKBOOK, "Autre", row -> { }))
        .isInstanceOfSatisfying(UnreadableFileException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_SHEET));
  }

  @Test
  void readsAnOdsAsLibreOfficeWritesItWithRepeatedAndCoveredCells() {
    byte[] ods = WorkbookFiles.ods("""
        <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>""",
        """
        <table:table table:name="Cachée" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string">\
        <text:p>caché</text:p></table:table-cell></table:table-row></table:table>\
        <table:table table:name="Adhérents"><table:table-column table:number-columns-repeated="4"/>\
        <table:table-header-rows><table:table-row>\
        <table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Nom complet</text:p></table:table-cell>\
        <table:covered-table-cell/>\
        <table:table-cell office:value-type="string"><text:p>Téléphone</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>Adresse</text:p></table:table-cell>\
        </table:table-row></table:table-header-rows>\
        <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/></table:table-row>\
        <table:table-row>\
        <table:table-cell office:value-type="string"><text:p>Anne<text:s text:c="2"/>Marie</text:p>\
        <office:annotation><text:p>une note</text:p></office:annotation></table:table-cell>\
        <table:table-cell office:value-type="date" office:date-value="2024-03-15"><text:p>2024-03-15</text:p></table:table-cell>\
        <table:table-cell office:value-type="float" office:value="612345678"><text:p>612345678</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>12 rue des Lilas<text:line-break/>Bât. <text:span>B</text:span></text:p>\
        <text:p>3e étage</text:p></table:table-cell>\
        <table:table-cell table:number-columns-repeated="1020"/>\
        </table:table-row>\
        <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" \
        office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>\
        <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/>\
        </table:table-row></table:table>""");

    assertThat(read(ods)).containsExactly(
        new Row(1, List.of("Nom complet", "", "Téléphone", "Adresse")),
        new Row(4, List.of("Anne  Marie", "15/03/2024", "612345678", "12 rue des Lilas\nBât. B\n3e étage")),
        new Row(5, List.of("x", "x")),
        new Row(6, List.of("x", "x")));
    assertThat(reader.sheets(new ByteArrayInputStream(ods)))
        .containsExactly(new Sheet("Cachée", true), new Sheet("Adhérents", false));
  }

  @Test
  void stopsAtTheFirstRowBeyondTheLimitEvenWhenOneRowIsRepeatedAMillionTimes() {
    byte[] ods = WorkbookFiles.ods("", """
        <table:table table:name="Adhérents"><table:table-row table:number-rows-repeated="1000000">\
        <table:table-cell office:value-type="string"><text:p>Anne</text:p></table:table-cell></table:table-row>\
        </table:table>""");
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> {
      XSSFSheet sheet = workbook.createSheet("Adhérents");
      for (int i = 0; i < 10; i++) {
        row(sheet, i, "Anne" + i);
      }
    });

    assertRefused(ods, Reason.TOO_MANY_ROWS);
    assertRefused(xlsx, Reason.TOO_MANY_ROWS);
  }

  @Test
  void stopsAtARowLongerThanAnyRealOne() {
    byte[] ods = WorkbookFiles.ods("", """
        <table:table table:name="Adhérents"><table:table-row><table:table-cell table:number-columns-repeated="100000" \
        office:value-type="string"><text:p>Anne</text:p></table:table-cell></table:table-row></table:table>""");

    assertRefused(ods, Reason.LINE_TOO_LONG);
  }

  @Test
  void refusesWorkbooksItCannotReadEachWithItsReason() {
    byte[] xlsx = WorkbookFiles.xlsx(workbook -> row(workbook.createSheet("Adhérents"), 0, "Prénom", "Nom"));

    assertRefused(WorkbookFiles.xls(), Reason.OLD_EXCEL);
    assertRefused(WorkbookFiles.encrypted(xlsx, "secret"), Reason.WORKBOOK_PROTECTED);
    assertRefused(WorkbookFiles.encryptedOds(), Reason.WORKBOOK_PROTECTED);
    assertRefused(WorkbookFiles.padded(xlsx, 20 * 1024 * 1024), Reason.WORKBOOK_BOMB);
    assertRefused(java.util.Arrays.copyOf(xlsx, xlsx.length / 2), Reason.WORKBOOK_DAMAGED);
    assertRefused(new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0}, Reason.WORKBOOK_DAMAGED);
    assertRefused(zipOf("word/document.xml"), Reason.NOT_A_WORKBOOK);
  }

  private void assertRefused(byte[] workbook, Reason reason) {
    assertThatThrownBy(() -> read(workbook)).isInstanceOfSatisfying(UnreadableFileException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private List<Row> read(byte[] workbook) {
    List<Row> rows = new ArrayList<>();
    reader.read(new ByteArrayInputStream(workbook), FileFormat.WORKBOOK, rows::add);
    return rows;
  }

  private static void row(XSSFSheet sheet, int index, String... values) {
    XSSFRow row = sheet.createRow(index);
    for (int i = 0; i < values.length; i++) {
      row.createCell(i).setCellValue(values[i]);
    }
  }

  private static CellStyle style(XSSFWorkbook workbook, String format) {
    CellStyle style = workbook.createCellStyle();
    style.setDataFormat(workbook.createDataFormat().getFormat(format));
    return style;
  }

  private static byte[] zipOf(String entry) {
    var bytes = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write("<w:document/>".getBytes());
      zip.closeEntry();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}

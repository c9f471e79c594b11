package coop.roster.imports.template;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The template's header row written as a file: CSV as Excel reads it best in France (UTF-8 with
 * BOM, {@code ;}, CRLF); a workbook whose phone and postcode columns are text, so that a
 * spreadsheet keeps their leading 0 as they are typed.
 */
final class TemplateFiles {

  private static final String ODS_MIME_TYPE = "application/vnd.oasis.opendocument.spreadsheet";
  private static final short TEXT_FORMAT = 49;  // Excel's built-in "@"

  private TemplateFiles() {
  }

  static byte[] write(TemplateFormat format, List<String> headers, List<Boolean> textColumns) {
    return switch (format) {
      case CSV -> csv(headers);
      case XLSX -> xlsx(headers, textColumns);
      case ODS -> ods(headers, textColumns);
    };
  }

  private static byte[] csv(List<String> headers) {
    return ("\uFEFF" + String.join(";", headers) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] xlsx(List<String> headers, List<Boolean> textColumns) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = workbook.createSheet("Adhérents");
      Font bold = workbook.createFont();
      bold.setBold(true);
      CellStyle header = workbook.createCellStyle();
      header.setFont(bold);
      CellStyle text = workbook.createCellStyle();
      text.setDataFormat(TEXT_FORMAT);
      XSSFRow row = sheet.createRow(0);
      for (int i = 0; i < headers.size(); i++) {
        row.createCell(i).setCellValue(headers.get(i));
        row.getCell(i).setCellStyle(header);
        sheet.setColumnWidth(i, Math.max(12, headers.get(i).length() + 4) * 256);
        if (textColumns.get(i)) {
          sheet.setDefaultColumnStyle(i, text);
        }
      }
      sheet.createFreezePane(0, 1);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String xmlText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** An OpenDocument spreadsheet: its {@code mimetype} first and stored, then its manifest, styles and content. */
  private static byte[] ods(List<String> headers, List<Boolean> textColumns) {
    StringBuilder columns = new StringBuilder();
    StringBuilder cells = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      columns.append("<table:table-column table:style-name=\"co\" table:default-cell-style-name=\"")
          .append(textColumns.get(i) ? "text" : "Default").append("\"/>");
      cells.append("<table:table-cell table:style-name=\"header\" office:value-type=\"string\"><text:p>")
          .append(xmlText(headers.get(i))).append("</text:p></table:table-cell>");
    }
    String content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
        xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.3">\
        <office:automatic-styles>\
        <number:text-style style:name="N100"><number:text-content/></number:text-style>\
        <style:style style:name="co" style:family="table-column">\
        <style:table-column-properties style:column-width="3.5cm"/></style:style>\
        <style:style style:name="header" style:family="table-cell"><style:text-properties fo:font-weight="bold"/>\
        </style:style>\
        <style:style style:name="text" style:family="table-cell" style:data-style-name="N100"/>\
        </office:automatic-styles>\
        <office:body><office:spreadsheet><table:table table:name="Adhérents">%s\
        <table:table-row>%s</table:table-row></table:table></office:spreadsheet></office:body>\
        </office:document-content>
        """.formatted(columns, cells);
    String manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
        <manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>\
        <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
        </manifest:manifest>
        """.formatted(ODS_MIME_TYPE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      byte[] mimeType = ODS_MIME_TYPE.getBytes(StandardCharsets.US_ASCII);
      ZipEntry first = new ZipEntry("mimetype");
      first.setMethod(ZipEntry.STORED);
      first.setSize(mimeType.length);
      CRC32 crc = new CRC32();
      crc.update(mimeType);
      first.setCrc(crc.getValue());
      zip.putNextEntry(first);
      zip.write(mimeType);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
      zip.write(manifest.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("content.xml"));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}

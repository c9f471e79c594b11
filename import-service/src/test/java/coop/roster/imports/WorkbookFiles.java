package coop.roster.imports;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Workbooks as coordinators' spreadsheets write them, made by the tests: .xlsx by POI, .ods as
 * its ZIP and XML (what LibreOffice writes, trailing repeated empty rows included).
 */
public final class WorkbookFiles {

  public static final String ODS_NAMESPACES = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      + "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
      + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      + "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"";
  private static final String ODS_MIME_TYPE = "application/vnd.oasis.opendocument.spreadsheet";

  private WorkbookFiles() {
  }

  /** An .xlsx filled by {@code fill}, written by POI. */
  public static byte[] xlsx(Consumer<XSSFWorkbook> fill) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      fill.accept(workbook);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A large .xlsx of a header and {@code rows} copies of one member, streamed out by POI's SXSSF
   * with a shared-strings table, as Excel writes it: small enough to upload a million rows.
   */
  public static byte[] largeXlsx(List<String> header, int rows) {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 200, true, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var sheet = workbook.createSheet("Adhérents");
      var first = sheet.createRow(0);
      for (int i = 0; i < header.size(); i++) {
        first.createCell(i).setCellValue(header.get(i));
      }
      for (int r = 1; r <= rows; r++) {
        var row = sheet.createRow(r);
        row.createCell(0).setCellValue("A");
        row.createCell(1).setCellValue("M");
        row.createCell(2).setCellValue("a@b.fr");
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An .ods whose content.xml body holds {@code tables} and whose automatic styles are {@code styles}. */
  public static byte[] ods(String styles, String tables) {
    String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " + ODS_NAMESPACES
        + " office:version=\"1.3\"><office:automatic-styles>" + styles + "</office:automatic-styles>"
        + "<office:body><office:spreadsheet>" + tables + "</office:spreadsheet></office:body></office:document-content>";
    String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
        + "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
        + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" + ODS_MIME_TYPE + "\"/>"
        + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    return odsZip(manifest, content.getBytes(StandardCharsets.UTF_8));
  }

  /** The .ods with {@code rowXml} added at the end of its first table. */
  public static byte[] odsWithRow(byte[] ods, String rowXml) {
    String manifest = null;
    String content = null;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(ods))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (entry.getName().equals("META-INF/manifest.xml")) {
          manifest = text;
        } else if (entry.getName().equals("content.xml")) {
          content = text;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return odsZip(manifest, content.replaceFirst("</table:table>", rowXml + "</table:table>")
        .getBytes(StandardCharsets.UTF_8));
  }

  /** An .ods as LibreOffice writes it when saved with a password: its content encrypted, its manifest saying so. */
  public static byte[] encryptedOds() {
    String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
        + "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
        + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" + ODS_MIME_TYPE + "\"/>"
        + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\" manifest:size=\"4321\">"
        + "<manifest:encryption-data manifest:checksum-type=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k\" "
        + "manifest:checksum=\"AAAA\"><manifest:algorithm manifest:algorithm-name=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\" "
        + "manifest:initialisation-vector=\"AAAA\"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>";
    byte[] noise = new byte[4096];
    new java.util.Random(7).nextBytes(noise);
    return odsZip(manifest, noise);
  }

  private static byte[] odsZip(String manifest, byte[] content) {
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
      zip.write(content);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The workbook encrypted with a password, as Excel saves it (agile encryption in an OLE2 file). */
  public static byte[] encrypted(byte[] xlsx, String password) {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
      Encryptor encryptor = info.getEncryptor();
      encryptor.confirmPassword(password);
      try (OutputStream encrypted = encryptor.getDataStream(fs)) {
        encrypted.write(xlsx);
      }
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An Excel 97-2003 workbook (.xls) with one row. */
  public static byte[] xls() {
    try (HSSFWorkbook workbook = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var row = workbook.createSheet("Adhérents").createRow(0);
      row.createCell(0).setCellValue("Prénom");
      row.createCell(1).setCellValue("Nom");
      row.createCell(2).setCellValue("Courriel");
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The workbook with its first sheet padded by {@code padding} bytes of spaces after its XML: a
   * few kilobytes that unpack to that many bytes, as a ZIP bomb does.
   */
  public static byte[] padded(byte[] workbook, int padding) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        if (entry.getName().equals("xl/worksheets/sheet1.xml") || entry.getName().equals("content.xml")) {
          byte[] spaces = new byte[1024 * 1024];
          java.util.Arrays.fill(spaces, (byte) ' ');
          for (int written = 0; written < padding; written += spaces.length) {
            out.write(spaces);
          }
        }
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}

package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.XMLHelper;

import javax.xml.stream.XMLInputFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Workbooks among uploads: an Excel workbook (.xlsx, .xlsm) or a LibreOffice one (.ods) is read;
 * an old .xls, an encrypted workbook, a damaged one or one that unpacks to far more than it holds
 * (a "ZIP bomb") is refused with its own reason. A workbook is copied to a temporary file while it
 * is read, because both formats are ZIP archives whose directory sits at their end.
 */
final class Workbooks {

  static final String ODS_MIME_TYPE = "application/vnd.oasis.opendocument.spreadsheet";
  /** As POI's own guard: an entry may unpack to at most 100 times its packed size... */
  static final int MAX_INFLATE_RATIO = 100;
  /** ...once past this size, which small files with repeated XML reach legitimately. */
  static final long RATIO_GRACE_BYTES = 1024 * 1024;
  /** And all entries together to at most this. */
  static final long MAX_UNPACKED_BYTES = 1024L * 1024 * 1024;

  private Workbooks() {
  }

  /** A ZIP archive (.xlsx, .xlsm, .ods) or an OLE2 compound file (.xls, an encrypted workbook). */
  static boolean isWorkbook(byte[] firstBytes) {
    return isZip(firstBytes) || isOle2(firstBytes);
  }

  static boolean isZip(byte[] bytes) {
    return startsWith(bytes, 'P', 'K', 3, 4);
  }

  static boolean isOle2(byte[] bytes) {
    return startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
  }

  /** The sheet to read when none is asked for: the first the spreadsheet shows, the first at all otherwise. */
  static int firstVisible(List<Sheet> sheets) {
    for (int i = 0; i < sheets.size(); i++) {
      if (!sheets.get(i).hidden()) {
        return i;
      }
    }
    return 0;
  }

  /** A temporary copy of the upload, deleted when closed. */
  record TemporaryFile(Path path) implements AutoCloseable {

    static TemporaryFile of(InputStream bytes) {
      try (InputStream in = bytes) {
        Path path = Files.createTempFile("roster-import-", ".workbook");
        try {
          Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
          Files.deleteIfExists(path);
          throw e;
        }
        return new TemporaryFile(path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Opens the workbook in {@code file}, or says why it cannot be read. */
  static Workbook open(Path file, byte[] firstBytes) throws IOException {
    if (isOle2(firstBytes)) {
      throw refusedCompoundFile(file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      refuseBombs(zip);
      if (isOds(zip)) {
        refuseEncryptedOds(zip);
        return new OdsWorkbook(file);
      }
      if (zip.getEntry("[Content_Types].xml") == null) {
        throw new UnreadableFileException(Reason.NOT_A_WORKBOOK);
      }
    } catch (ZipException e) {
      throw damaged(e);
    }
    return new XlsxWorkbook(file);
  }

  /**
   * An OLE2 file is an Excel 97-2003 workbook, or an encrypted Office document (the encrypted
   * package inside one); anything else (a Word 97 document) is not a member list.
   */
  private static UnreadableFileException refusedCompoundFile(Path file) {
    try (POIFSFileSystem ole2 = new POIFSFileSystem(file.toFile(), true)) {
      DirectoryNode root = ole2.getRoot();
      if (root.hasEntryCaseInsensitive("EncryptionInfo") || root.hasEntryCaseInsensitive("EncryptedPackage")) {
        return new UnreadableFileException(Reason.WORKBOOK_PROTECTED);
      }
      if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) {
        return new UnreadableFileException(Reason.OLD_EXCEL);
      }
      return new UnreadableFileException(Reason.NOT_A_WORKBOOK);
    } catch (IOException | RuntimeException e) {
      return damaged(e);
    }
  }

  /** Refuses an archive whose directory announces more than a member list ever unpacks to. */
  private static void refuseBombs(ZipFile zip) {
    long total = 0;
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      ZipEntry entry = entries.nextElement();
      long size = entry.getSize();
      long packed = entry.getCompressedSize();
      if (size > RATIO_GRACE_BYTES && packed >= 0 && size > packed * MAX_INFLATE_RATIO) {
        throw new UnreadableFileException(Reason.WORKBOOK_BOMB);
      }
      total += Math.max(size, 0);
      if (total > MAX_UNPACKED_BYTES) {
        throw new UnreadableFileException(Reason.WORKBOOK_BOMB);
      }
    }
  }

  private static boolean isOds(ZipFile zip) throws IOException {
    ZipEntry mimeType = zip.getEntry("mimetype");
    if (mimeType == null) {
      return false;
    }
    try (InputStream in = zip.getInputStream(mimeType)) {
      return new String(in.readNBytes(200), StandardCharsets.US_ASCII).strip().equals(ODS_MIME_TYPE);
    }
  }

  /** An encrypted OpenDocument file keeps its manifest readable and says there which parts are encrypted. */
  private static void refuseEncryptedOds(ZipFile zip) throws IOException {
    ZipEntry manifest = zip.getEntry("META-INF/manifest.xml");
    if (manifest == null) {
      return;
    }
    try (InputStream in = zip.getInputStream(manifest)) {
      String text = new String(in.readNBytes((int) Math.min(RATIO_GRACE_BYTES, Integer.MAX_VALUE)),
          StandardCharsets.UTF_8);
      if (text.contains("encryption-data")) {
        throw new UnreadableFileException(Reason.WORKBOOK_PROTECTED);
      }
    }
  }

  /** A safe StAX factory: no DTD, no external entities. */
  static XMLInputFactory xmlInput() {
    return XMLHelper.newXMLInputFactory();
  }

  static UnreadableFileException damaged(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnreadableFileException unreadable) {
        return unreadable;
      }
      // POI's ZipSecureFile, when the entries unpack to more than their directory said
      if (cause.getMessage() != null && cause.getMessage().contains("Zip bomb detected")) {
        return new UnreadableFileException(Reason.WORKBOOK_BOMB);
      }
    }
    return new UnreadableFileException(Reason.WORKBOOK_DAMAGED);
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

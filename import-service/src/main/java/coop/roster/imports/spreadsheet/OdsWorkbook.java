package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A LibreOffice workbook (.ods) read with StAX over its {@code content.xml}, one element at a
 * time: repeated rows and columns are expanded only when they hold something (LibreOffice ends
 * every sheet with a million empty repeated rows), covered cells of a merge are empty, a cell's
 * paragraphs, spaces, tabs and line breaks make its text, comments are left out, dates are
 * written {@code dd/MM/yyyy}, and other cells keep the text LibreOffice shows.
 */
final class OdsWorkbook implements Workbook {

  private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
  private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
  private static final String STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";

  private final ZipFile zip;

  OdsWorkbook(Path file) throws IOException {
    this.zip = new ZipFile(file.toFile());
  }

  @Override
  public List<Sheet> sheets() throws IOException {
    List<Sheet> sheets = new ArrayList<>();
    scan((sheet, xml) -> {
      sheets.add(sheet);
      return false;
    });
    return sheets;
  }

  @Override
  public void read(String name, SheetRows rows) throws IOException {
    boolean[] found = {false};
    List<Sheet> seen = new ArrayList<>();
    scan((sheet, xml) -> {
      seen.add(sheet);
      boolean wanted = name == null ? !sheet.hidden() : sheet.name().equals(name);
      if (wanted) {
        found[0] = true;
        readTable(xml, rows);
      }
      return wanted;
    });
    if (!found[0] && name == null && !seen.isEmpty()) {
      read(seen.getFirst().name(), rows);  // every sheet hidden: the first one
    } else if (!found[0]) {
      throw new UnreadableFileException(name == null ? Reason.EMPTY : Reason.NO_SUCH_SHEET, name);
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  /** What to do at the start of each table; {@code true} ends the scan. */
  private interface TableVisitor {
    boolean visit(Sheet sheet, XMLStreamReader xml) throws XMLStreamException;
  }

  private void scan(TableVisitor visitor) throws IOException {
    ZipEntry content = zip.getEntry("content.xml");
    if (content == null) {
      throw new UnreadableFileException(Reason.WORKBOOK_DAMAGED);
    }
    try (InputStream in = new BombGuard(zip.getInputStream(content), content.getCompressedSize())) {
      XMLStreamReader xml = Workbooks.xmlInput().createXMLStreamReader(in);
      try {
        Set<String> hiddenStyles = new HashSet<>();
        String style = null;
        while (xml.hasNext()) {
          if (xml.next() != XMLStreamConstants.START_ELEMENT) {
            continue;
          }
          String element = xml.getLocalName();
          if (STYLE.equals(xml.getNamespaceURI()) && element.equals("style")) {
            style = xml.getAttributeValue(STYLE, "name");
          } else if (STYLE.equals(xml.getNamespaceURI()) && element.equals("table-properties")
              && "false".equals(xml.getAttributeValue(TABLE, "display")) && style != null) {
            hiddenStyles.add(style);
          } else if (TABLE.equals(xml.getNamespaceURI()) && element.equals("table")) {
            Sheet sheet = new Sheet(xml.getAttributeValue(TABLE, "name"),
                hiddenStyles.contains(xml.getAttributeValue(TABLE, "style-name")));
            if (visitor.visit(sheet, xml)) {
              return;
            }
            skipElement(xml);
          }
        }
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw Workbooks.damaged(e);
    }
  }

  /** The rows of the table whose start element {@code xml} is on, up to its end. */
  private static void readTable(XMLStreamReader xml, SheetRows rows) throws XMLStreamException {
    long line = 1;
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        if (TABLE.equals(xml.getNamespaceURI()) && xml.getLocalName().equals("table-row")) {
          long repeated = repeat(xml, "number-rows-repeated");
          rows.startRow(line);
          readRow(xml, rows);
          rows.endRow(repeated);
          line += repeated;
        } else if (TABLE.equals(xml.getNamespaceURI()) && (xml.getLocalName().equals("table-header-rows")
            || xml.getLocalName().equals("table-row-group") || xml.getLocalName().equals("table-rows"))) {
          depth++;
        } else {
          skipElement(xml);  // columns' styles, shapes, named ranges
        }
      }
    }
  }

  private static void readRow(XMLStreamReader xml, SheetRows rows) throws XMLStreamException {
    long column = 0;
    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
      long repeated = repeat(xml, "number-columns-repeated");
      String text = xml.getLocalName().equals("table-cell") ? cellText(xml) : skipElement(xml);
      if (!text.isEmpty()) {
        for (long i = 0; i < repeated; i++) {
          rows.cell((int) Math.min(column + i, Integer.MAX_VALUE), text);
        }
      }
      column += repeated;
    }
  }

  /** A cell's text as LibreOffice shows it, dates written dd/MM/yyyy; its comments left out. */
  private static String cellText(XMLStreamReader xml) throws XMLStreamException {
    String type = xml.getAttributeValue(OFFICE, "value-type");
    String date = "date".equals(type) ? xml.getAttributeValue(OFFICE, "date-value") : null;
    String value = xml.getAttributeValue(OFFICE, "value");
    StringBuilder text = new StringBuilder();
    int paragraphs = 0;
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String element = xml.getLocalName();
        if (OFFICE.equals(xml.getNamespaceURI()) && element.equals("annotation")) {
          skipElement(xml);
          depth--;
        } else if (TEXT.equals(xml.getNamespaceURI())) {
          switch (element) {
            case "p", "h" -> {
              if (paragraphs++ > 0) {
                text.append('\n');
              }
            }
            case "s" -> text.repeat(' ', (int) Math.min(repeat(xml, TEXT, "c"), 1000));
            case "tab" -> text.append('\t');
            case "line-break" -> text.append('\n');
            default -> {
              // spans, links: their characters count
            }
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        if (depth > 1) {
          text.append(xml.getText());
        }
      }
    }
    if (date != null) {
      try {
        return SpreadsheetFormatter.text(date.length() == 10 ? LocalDateTime.parse(date + "T00:00")
            : LocalDateTime.parse(date));
      } catch (DateTimeParseException e) {
        // a date LibreOffice could not write in ISO: keep what it shows
      }
    }
    return paragraphs == 0 && value != null ? value : text.toString();
  }

  private static long repeat(XMLStreamReader xml, String attribute) {
    return repeat(xml, TABLE, attribute);
  }

  private static long repeat(XMLStreamReader xml, String namespace, String attribute) {
    String value = xml.getAttributeValue(namespace, attribute);
    if (value == null) {
      return 1;
    }
    try {
      return Math.max(1, Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Skips the element the reader is on, to its end; answers an empty text. */
  private static String skipElement(XMLStreamReader xml) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    return "";
  }

  /** Stops a content.xml that unpacks to far more than its packed size. */
  private static final class BombGuard extends FilterInputStream {

    private final long packed;
    private long unpacked;

    BombGuard(InputStream in, long packed) {
      super(in);
      this.packed = packed;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read > 0) {
        count(read);
      }
      return read;
    }

    private void count(int bytes) {
      unpacked += bytes;
      if (unpacked > Workbooks.MAX_UNPACKED_BYTES || unpacked > Workbooks.RATIO_GRACE_BYTES && packed > 0
          && unpacked > packed * Workbooks.MAX_INFLATE_RATIO) {
        throw new UnreadableFileException(Reason.WORKBOOK_BOMB);
      }
    }
  }
}

package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An Excel workbook (.xlsx, .xlsm: the macros are never read) read with POI's streaming API: the
 * sheet's XML goes past a SAX handler one cell at a time, never held whole. Cells come as Excel
 * shows them, formulas by the value Excel saved with them (never evaluated here).
 */
final class XlsxWorkbook implements Workbook {

  private static final String RELATIONSHIPS =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  private final OPCPackage pack;
  private final XSSFReader reader;
  private final List<SheetPart> sheets;

  /** A sheet and the part that holds it. */
  private record SheetPart(Sheet sheet, String relationshipId) {
  }

  XlsxWorkbook(Path file) throws IOException {
    try {
      pack = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (OpenXML4JException | RuntimeException e) {
      throw Workbooks.damaged(e);
    }
    try {
      reader = new XSSFReader(pack);
      sheets = sheetParts(reader);
    } catch (OpenXML4JException | XMLStreamException | RuntimeException e) {
      pack.revert();
      throw Workbooks.damaged(e);
    }
  }

  @Override
  public List<Sheet> sheets() {
    return sheets.stream().map(SheetPart::sheet).toList();
  }

  @Override
  public void read(String sheet, SheetRows rows) throws IOException {
    if (sheets.isEmpty()) {
      throw new UnreadableFileException(Reason.EMPTY);
    }
    SheetPart part = sheet == null ? sheets.get(Workbooks.firstVisible(sheets())) : sheets.stream()
        .filter(candidate -> candidate.sheet().name().equals(sheet)).findFirst()
        .orElseThrow(() -> new UnreadableFileException(Reason.NO_SUCH_SHEET, sheet));
    try (InputStream xml = reader.getSheet(part.relationshipId())) {
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pack, false);
      StylesTable styles = reader.getStylesTable();
      XMLReader parser = XMLHelper.newXMLReader();
      parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Cells(rows),
          new SpreadsheetFormatter(), false));
      parser.parse(new InputSource(xml));
    } catch (SAXException e) {
      if (e.getCause() instanceof RuntimeException handlerStopped) {
        throw handlerStopped;  // the rows' own stop (a limit, the first row read), not a damaged file
      }
      throw Workbooks.damaged(e);
    } catch (OpenXML4JException | ParserConfigurationException e) {
      throw Workbooks.damaged(e);
    }
  }

  @Override
  public void close() {
    pack.revert();  // opened to read: nothing is written back
  }

  /** The sheets in the workbook's order, with whether each is hidden ({@code state} in workbook.xml). */
  private static List<SheetPart> sheetParts(XSSFReader reader)
      throws IOException, OpenXML4JException, XMLStreamException {
    List<SheetPart> parts = new ArrayList<>();
    try (InputStream workbook = reader.getWorkbookData()) {
      XMLStreamReader xml = Workbooks.xmlInput().createXMLStreamReader(workbook);
      try {
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("sheet")) {
            String state = xml.getAttributeValue(null, "state");
            parts.add(new SheetPart(new Sheet(xml.getAttributeValue(null, "name"),
                state != null && !state.equals("visible")), xml.getAttributeValue(RELATIONSHIPS, "id")));
          }
        }
      } finally {
        xml.close();
      }
    }
    return parts;
  }

  /** POI's cells to rows; a cell written without its reference follows the one before it. */
  private static final class Cells implements SheetContentsHandler {

    private final SheetRows rows;
    private int column;

    Cells(SheetRows rows) {
      this.rows = rows;
    }

    @Override
    public void startRow(int rowNum) {
      rows.startRow(rowNum + 1L);
      column = -1;
    }

    @Override
    public void endRow(int rowNum) {
      rows.endRow();
    }

    /** The column of a reference such as {@code AB12}: its letters read in base 26 (A is 1), from 0. */
    private static int column(String reference) {
      int column = 0;
      for (int i = 0; i < reference.length(); i++) {
        char c = reference.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          column = column * 26 + (c - 'A' + 1);
        } else if (c != '$') {
          break;
        }
      }
      return column - 1;
    }

    @Override
    public void cell(String reference, String formattedValue, XSSFComment comment) {
      column = reference == null ? column + 1 : column(reference);
      rows.cell(column, formattedValue);
    }
  }
}

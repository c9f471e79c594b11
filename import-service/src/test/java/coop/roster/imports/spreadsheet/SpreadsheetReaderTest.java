package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadsheetReaderTest {

  private final SpreadsheetReader reader = new SpreadsheetReader(new SpreadsheetLimits(5, 200, 100));

  @Test
  void keepsSeparatorsDoubledQuotesAndLineBreaksInsideQuotes() {
    List<Row> rows = read("Nom;Adresse\r\n\"Dupré; Élise\";\"12 rue \"\"des Lilas\"\"\r\nBât. B\"\r\n", ';');

    assertThat(rows).containsExactly(
        new Row(1, List.of("Nom", "Adresse")),
        new Row(2, List.of("Dupré; Élise", "12 rue \"des Lilas\"\r\nBât. B")));
  }

  @Test
  void readsLfAndCrEndingsAndNumbersRowsAsTheSpreadsheetShowsThem() {
    assertThat(read("a,b\nc,d\n\ne,f", ',')).extracting(Row::line).containsExactly(1L, 2L, 3L, 4L);
    assertThat(read("a,b\rc,d\re,f\r", ',')).extracting(Row::cells)
        .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"));
  }

  @Test
  void skipsTheSeparatorLineExcelMayWrite() {
    assertThat(read("sep=;\r\nNom;Prénom\r\nDupré;Élise\r\n", ';'))
        .containsExactly(new Row(1, List.of("Nom", "Prénom")), new Row(2, List.of("Dupré", "Élise")));
  }

  @Test
  void stopsAtTheFirstRowBeyondTheLimit() {
    assertThatThrownBy(() -> read("h\n1\n2\n3\n4\n5\n6\n7\n", ';'))
        .isInstanceOfSatisfying(UnreadableFileException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ROWS));
  }

  @Test
  void stopsAtALineLongerThanAnyRealOneEvenInsideQuotes() {
    String longAddress = "\"" + "12 rue des Lilas\n".repeat(20) + "\"";

    assertThatThrownBy(() -> read("Nom;Adresse\nDupré;x\nMartin;" + longAddress + "\n", ';'))
        .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.LINE_TOO_LONG);
          assertThat(e.arguments()[0]).isEqualTo(3L);
        });
  }

  @Test
  void namesTheLineOfAnInvalidByteSequence() {
    byte[] bytes = "Nom;Prenom\r\nDupré;Élise\r\nMartin;Zo\u00EB\r\n".getBytes(Charset.forName("windows-1252"));
    var format = new FileFormat(StandardCharsets.UTF_8, 0, ';');

    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(bytes), format, row -> { }))
        .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.INVALID_BYTES);
          assertThat(e.arguments()[0]).isEqualTo(2L);
        });
  }

  private List<Row> read(String text, char separator) {
    List<Row> rows = new ArrayList<>();
    reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new FileFormat(StandardCharsets.UTF_8, 0, separator), rows::add);
    return rows;
  }
}

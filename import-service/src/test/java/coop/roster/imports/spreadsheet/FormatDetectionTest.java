package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatDetectionTest {

  @Test
  void readsUtf8WithAByteOrderMarkAndSkipsTheMark() {
    FileFormat format = detect(bytes("\uFEFFPrénom;Nom;Courriel\r\nÉlise;Dupré;elise@example.org\r\n", StandardCharsets.UTF_8));

    assertThat(format).isEqualTo(new FileFormat(StandardCharsets.UTF_8, 3, ';'));
  }

  @Test
  void readsUtf8WithoutAMark() {
    assertThat(detect(bytes("Prénom,Nom\nÉlise,Dupré\n", StandardCharsets.UTF_8)))
        .isEqualTo(new FileFormat(StandardCharsets.UTF_8, 0, ','));
  }

  @Test
  void readsUtf16WithItsMarkInEitherByteOrder() {
    assertThat(detect(bytes("\uFEFFPrénom\tNom\r\nÉlise\tDupré\r\n", StandardCharsets.UTF_16LE)))
        .isEqualTo(new FileFormat(StandardCharsets.UTF_16LE, 2, '\t'));
    assertThat(detect(bytes("\uFEFFPrénom;Nom\r\nÉlise;Dupré\r\n", StandardCharsets.UTF_16BE)))
        .isEqualTo(new FileFormat(StandardCharsets.UTF_16BE, 2, ';'));
  }

  @Test
  void takesBytesThatAreNotUtf8ForAFrenchExcelExport() {
    Charset windows1252 = Charset.forName("windows-1252");
    assertThat(detect(bytes("Prénom;Nom\r\nFrançois;Lefèvre\r\nŒdipe;Cœur\r\n", windows1252)).charset())
        .isEqualTo(windows1252);
  }

  @Test
  void tellsIso885915FromWindows1252ByItsOwnLetters() {
    Charset latin9 = Charset.forName("ISO-8859-15");
    assertThat(detect(bytes("Prénom;Nom\nŒdipe;Cœur\n", latin9)).charset()).isEqualTo(latin9);
  }

  @Test
  void ignoresSeparatorsInsideQuotesWhenChoosingTheSeparator() {
    String text = "Nom;Adresse;Ville\r\nDupré;\"12, rue des Lilas\r\nBâtiment B, 2e étage\";Paris\r\n"
        + "Martin;\"3, place du Marché\";Lyon\r\n";

    assertThat(detect(bytes(text, StandardCharsets.UTF_8)).separator()).isEqualTo(';');
  }

  @Test
  void findsCommasWhenSemicolonsOnlyAppearInValues() {
    String text = "First name,Last name,Notes\nAnne,Smith,likes; carrots\nBob,Jones,\n";

    assertThat(detect(bytes(text, StandardCharsets.UTF_8)).separator()).isEqualTo(',');
  }

  @Test
  void refusesAnEmptyFile() {
    assertThatThrownBy(() -> detect(new byte[0])).extracting("reason").isEqualTo(Reason.EMPTY);
    assertThatThrownBy(() -> detect(bytes(" \r\n\r\n", StandardCharsets.UTF_8))).extracting("reason")
        .isEqualTo(Reason.EMPTY);
  }

  @Test
  void knowsWorkbooksByTheirFirstBytesAndLeavesThemToTheReader() {
    assertThat(detect(new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0})).isEqualTo(FileFormat.WORKBOOK);
    assertThat(detect(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
        (byte) 0xE1, 0})).isEqualTo(FileFormat.WORKBOOK);
  }

  @Test
  void refusesPicturesAndBinaries() {
    assertThatThrownBy(() -> detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}))
        .extracting("reason").isEqualTo(Reason.IMAGE);
    assertThatThrownBy(() -> detect(new byte[] {'a', 0, 'b', 1, 2, 3, 0, 0}))
        .extracting("reason").isEqualTo(Reason.NOT_TEXT);
  }

  private static FileFormat detect(byte[] bytes) {
    return FormatDetection.detect(ByteProfile.of(bytes));
  }

  private static byte[] bytes(String text, Charset charset) {
    return text.getBytes(charset);
  }
}

package coop.roster.imports.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RejectedRowsFileTest {

  @ParameterizedTest
  @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+cmd", "-1+1", "@SUM(A1)", "\t=1", "\r=1"})
  void aValueASpreadsheetWouldRunAsAFormulaIsWrittenAfterAnApostrophe(String value) {
    assertThat(RejectedRowsFile.neutralised(value)).isEqualTo("'" + value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Dupont", "06 12 34 56 78", "a=b"})
  void anyOtherValueIsWrittenAsTyped(String value) {
    assertThat(RejectedRowsFile.neutralised(value)).isEqualTo(value);
  }
}

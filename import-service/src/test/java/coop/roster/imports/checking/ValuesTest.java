package coop.roster.imports.checking;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValuesTest {

  @Test
  void tidyValuesAreKeptAsTyped() {
    assertThat(Values.clean("Jean de La Fontaine")).isEqualTo("Jean de La Fontaine");
    assertThat(Values.clean("")).isEmpty();
    assertThat(Values.clean(null)).isEmpty();
  }

  @Test
  void spacesAreTrimmedAndCollapsedWhateverTheirKind() {
    assertThat(Values.clean("  Jean  ")).isEqualTo("Jean");
    assertThat(Values.clean("12 rue\r\ndes  Lilas")).isEqualTo("12 rue des Lilas");
    assertThat(Values.clean("06\u00A012\u202F34\t56")).isEqualTo("06 12 34 56");
    assertThat(Values.clean("\uFEFFMarie")).isEqualTo("Marie");
  }

  @Test
  void theApostropheBeforeAFormulaCharacterIsRemovedOnce() {
    assertThat(Values.clean("'=SUM(A1)")).isEqualTo("=SUM(A1)");
    assertThat(Values.clean("''=x")).isEqualTo("''=x");
    assertThat(Values.clean("'Ohana")).isEqualTo("'Ohana");
  }
}

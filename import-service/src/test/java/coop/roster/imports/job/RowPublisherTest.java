package coop.roster.imports.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowPublisherTest {

  @Test
  void givesARowSentAgainTheSameEventIdOnEveryReplica() {
    assertThat(RowPublisher.eventId("import-1", 12)).isEqualTo(RowPublisher.eventId("import-1", 12));
    assertThat(RowPublisher.eventId("import-1", 12)).isNotEqualTo(RowPublisher.eventId("import-1", 13));
    assertThat(RowPublisher.eventId("import-1", 12)).isNotEqualTo(RowPublisher.eventId("import-2", 12));
  }

  @Test
  void namesColumnsWithTheLettersOfASpreadsheet() {
    assertThat(Messages.letter(0)).isEqualTo("A");
    assertThat(Messages.letter(25)).isEqualTo("Z");
    assertThat(Messages.letter(26)).isEqualTo("AA");
    assertThat(Messages.letter(27)).isEqualTo("AB");
  }
}

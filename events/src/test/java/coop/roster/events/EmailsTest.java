package coop.roster.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailsTest {

  @Test
  void trimsLowerCasesAndComposesAccents() {
    String decomposed = "  Zoe\u0301@Exemple.FR ";

    assertThat(Emails.normalize(decomposed)).isEqualTo("zo\u00e9@exemple.fr");
  }

  @Test
  void nullStaysNull() {
    assertThat(Emails.normalize(null)).isNull();
  }
}

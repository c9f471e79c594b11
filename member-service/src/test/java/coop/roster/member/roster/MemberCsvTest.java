package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.Person;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MemberCsvTest {

  @Test
  void neutralisesCellsASpreadsheetWouldRunAsFormulas() {
    assertThat(MemberCsv.neutralised("=1+1")).isEqualTo("'=1+1");
    assertThat(MemberCsv.neutralised("+33 6 12 34 56 78")).isEqualTo("'+33 6 12 34 56 78");
    assertThat(MemberCsv.neutralised("-")).isEqualTo("'-");
    assertThat(MemberCsv.neutralised("@Jeanne")).isEqualTo("'@Jeanne");
    assertThat(MemberCsv.neutralised("\tx")).isEqualTo("'\tx");
    assertThat(MemberCsv.neutralised("Jeanne")).isEqualTo("Jeanne");
    assertThat(MemberCsv.neutralised(null)).isEmpty();
  }

  @Test
  void writesSemicolonSeparatedUtf8WithABomAndCrlfInCagettesColumnsThenTheLanguage() throws Exception {
    Member jeanne = Member.create("m1", "g", new Person("Jeanne", "Martin", "jeanne@exemple.fr", "+33 6"),
        new Person("Paul", null, null, null), new Address("3 rue des Lilas", null, "69001", "Lyon"),
        Member.Source.manual(), Instant.EPOCH).withLanguage("en");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    MemberCsv.write(List.of(jeanne).iterator(), out);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF"
        + "Prénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);Nom conjoint(e);Courriel conjoint(e);"
        + "Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville;Langue\r\n"
        + "Jeanne;Martin;jeanne@exemple.fr;'+33 6;Paul;;;;3 rue des Lilas;;69001;Lyon;en\r\n");
  }
}

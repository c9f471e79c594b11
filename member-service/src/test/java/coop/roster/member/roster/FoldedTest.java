package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.Person;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FoldedTest {

  @Test
  void foldsCaseAccentsAndLigatures() {
    assertThat(Folded.of("  Élise   DUPRÉ ")).isEqualTo("elise dupre");
    assertThat(Folded.of("Œuvray")).isEqualTo("oeuvray");
    assertThat(Folded.of(null)).isEmpty();
  }

  @Test
  void foldsPlainAsciiTheSameWay() {
    assertThat(Folded.of(" \tJean \t  DUPONT\n")).isEqualTo("jean dupont");
    assertThat(Folded.of("Jean.Dupont@Exemple.FR")).isEqualTo("jean.dupont@exemple.fr");
    assertThat(Folded.of("Dupre")).isEqualTo(Folded.of("Dupré"));
  }

  @Test
  void findsAMemberByTheStartOfAnyWordOfTheirNamesEmailsOrCity() {
    String text = Folded.searchText(new Person("Jean-Pierre", "Dupré", "jp.dupre@exemple.fr", null),
        new Person("Noémie", "Lefèvre", null, null), new Address(null, null, null, "Saint-Étienne"));

    assertThat(Folded.matches(text, Folded.searchWords("dupre"))).isTrue();
    assertThat(Folded.matches(text, Folded.searchWords("JEAN-PIERRE"))).isTrue();
    assertThat(Folded.matches(text, Folded.searchWords("pierre dup"))).isTrue();
    assertThat(Folded.matches(text, Folded.searchWords("noémie"))).isTrue();
    assertThat(Folded.matches(text, Folded.searchWords("etienne"))).isTrue();
    assertThat(Folded.matches(text, Folded.searchWords("jp.dupre@ex"))).isTrue();
    assertThat(Folded.matches(text, Folded.searchWords("upre"))).isFalse();
    assertThat(Folded.matches(text, Folded.searchWords("dupre martin"))).isFalse();
  }

  @Test
  void sortsByLastThenFirstName() {
    String eliseDupre = Folded.sortName(new Person("Élise", "Dupré", null, null));

    assertThat(eliseDupre).isLessThan(Folded.sortName(new Person("Anne", "Durand", null, null)))
        .isLessThan(Folded.sortName(new Person("Zoé", "Dupre", null, null)))
        .isGreaterThan(Folded.sortName(new Person("Zoé", "Dup", null, null)));
  }
}

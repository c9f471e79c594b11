package coop.roster.imports.checking;

import coop.roster.events.Address;
import coop.roster.events.Person;
import coop.roster.imports.spreadsheet.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RowCheckerTest {

  private final RowChecker checker = new RowChecker(new ColumnMapping(true, List.of(Field.values())),
      Set.of("deja@amap.example"), 50);

  @Test
  void importsAValidRowWithValuesTrimmedAndSpacesCollapsed() {
    CheckedRow row = check(2, "  Élise ", "Dupré", " Elise@AMAP-des-Lilas.example ", "06 12 34 56 78",
        "", "", "", "", "12  rue\u00A0des Lilas", "", "75020", "Paris");

    assertThat(row.valid()).isTrue();
    assertThat(row.problems()).isEmpty();
    assertThat(row.person()).isEqualTo(new Person("Élise", "Dupré", "elise@amap-des-lilas.example", "06 12 34 56 78"));
    assertThat(row.partner()).isNull();
    assertThat(row.address()).isEqualTo(new Address("12 rue des Lilas", null, "75020", "Paris"));
  }

  @Test
  void listsEveryProblemOfARowWithItsLineAndColumn() {
    CheckedRow row = check(7, "", "", "jean.dupont@gmail", "phone me");

    assertThat(row.valid()).isFalse();
    assertThat(row.problems()).extracting(Problem::code).containsExactly(ProblemCode.MISSING_FIRST_NAME,
        ProblemCode.MISSING_LAST_NAME, ProblemCode.INVALID_EMAIL, ProblemCode.IMPLAUSIBLE_PHONE);
    assertThat(row.problems()).extracting(Problem::line).containsOnly(7L);
    assertThat(row.problems()).extracting(Problem::column).containsExactly(0, 1, 2, 3);
  }

  @Test
  void refusesTheSameEmailTwiceWhateverItsCaseAndNamesTheFirstLine() {
    check(2, "Anne", "Martin", "anne@example.org");
    CheckedRow second = check(5, "Anne", "Martin", "ANNE@Example.org");

    assertThat(second.valid()).isFalse();
    assertThat(second.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.code()).isEqualTo(ProblemCode.DUPLICATE_EMAIL);
      assertThat(problem.arguments()).containsExactly("anne@example.org", "2");
    });
  }

  @Test
  void flagsPeopleAlreadyMembersWithoutLeavingThemOut() {
    CheckedRow row = check(3, "Paul", "Déjà", "Deja@amap.example");

    assertThat(row.valid()).isTrue();
    assertThat(row.alreadyMember()).isTrue();
    assertThat(row.problems()).extracting(Problem::code).containsExactly(ProblemCode.ALREADY_MEMBER);
  }

  @Test
  void acceptsPhonesAsPeopleWriteThemAndWarnsAboutImplausibleOnes() {
    assertThat(List.of("06 12 34 56 78", "+33 6 12 34 56 78", "06.12.34.56.78", "612345678", "+44 20 7946 0958"))
        .allSatisfy(phone -> assertThat(check(2, "A", "B", "a" + phone.hashCode() + "@b.fr", phone).problems())
            .isEmpty());
    CheckedRow tooShort = check(3, "A", "B", "c@d.fr", "06 12");
    assertThat(tooShort.valid()).isTrue();
    assertThat(tooShort.problems()).extracting(Problem::code).containsExactly(ProblemCode.IMPLAUSIBLE_PHONE);
  }

  @Test
  void givesBackTheLeadingZeroASpreadsheetDroppedFromAFrenchNumber() {
    CheckedRow row = check(2, "Anne", "Dupré", "anne@example.org", "612345678", "Paul", "Dupré", "", "145678901");

    assertThat(row.person().phone()).isEqualTo("06 12 34 56 78");
    assertThat(row.partner().phone()).isEqualTo("01 45 67 89 01");
    assertThat(row.problems()).isEmpty();
    assertThat(check(3, "A", "B", "c@d.fr", "+33612345678").person().phone()).isEqualTo("+33612345678");
    assertThat(check(4, "A", "B", "e@f.fr", "61234567").person().phone()).isEqualTo("61234567");
  }

  @Test
  void warnsAboutAnIncompleteAddress() {
    CheckedRow row = check(4, "A", "B", "e@f.fr", "", "", "", "", "", "12 rue des Lilas", "", "", "Paris");

    assertThat(row.valid()).isTrue();
    assertThat(row.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.code()).isEqualTo(ProblemCode.INCOMPLETE_ADDRESS);
      assertThat(problem.field()).isEqualTo(Field.POSTCODE);
    });
  }

  @Test
  void refusesAnInvalidPartnerEmail() {
    CheckedRow row = check(4, "A", "B", "g@h.fr", "", "Marc", "B", "marc@", "");

    assertThat(row.errors()).extracting(Problem::code).containsExactly(ProblemCode.INVALID_PARTNER_EMAIL);
  }

  @Test
  void fixesNamesTypedAllInCapitalsOrSmallLettersOnly() {
    assertThat(check(2, "JEAN-PIERRE", "DE LA FONTAINE", "jp@x.fr").person())
        .extracting(Person::firstName, Person::lastName).containsExactly("Jean-Pierre", "De La Fontaine");
    assertThat(check(3, "élise", "dupré", "ed@x.fr").person())
        .extracting(Person::firstName, Person::lastName).containsExactly("Élise", "Dupré");
    assertThat(check(4, "Jean", "de La Fontaine", "jf@x.fr").person().lastName()).isEqualTo("de La Fontaine");
    assertThat(check(5, "Ronan", "LE GALL", "rl@x.fr").person().lastName()).isEqualTo("Le Gall");
    assertThat(check(6, "Anne", "d'ARTAGNAN", "ad@x.fr").person().lastName()).isEqualTo("d'ARTAGNAN");
    assertThat(check(7, "jean", "van der berg", "jv@x.fr").person().lastName()).isEqualTo("Van der Berg");
  }

  @Test
  void removesTheApostropheThatStopsAFormulaAndKeepsValuesAsData() {
    CheckedRow row = check(2, "'=Anne", "'-Martin", "'@x@y.fr", "'+33 6 12 34 56 78");

    assertThat(row.person().firstName()).isEqualTo("=Anne");
    assertThat(row.person().lastName()).isEqualTo("-Martin");
    assertThat(row.person().phone()).isEqualTo("+33 6 12 34 56 78");
    assertThat(check(3, "''=Anne", "O'Neil", "on@x.fr").person())
        .extracting(Person::firstName, Person::lastName).containsExactly("''=Anne", "O'Neil");
  }

  @Test
  void refusesAValueLongerThanTheLimitOnce() {
    CheckedRow row = check(2, "A".repeat(51), "B", "l@x.fr");

    assertThat(row.errors()).extracting(Problem::code).containsExactly(ProblemCode.FIELD_TOO_LONG);
  }

  @Test
  void readsTheLanguageAsPeopleTypeItInFrenchOrEnglish() {
    assertThat(List.of("fr", "FR", "Français", "francais", "French", "fr-FR", "FRA"))
        .allSatisfy(typed -> assertThat(withLanguage(typed).language()).isEqualTo("fr"));
    assertThat(List.of("en", "Anglais", "English", "en_GB", "English (UK)", "ENG"))
        .allSatisfy(typed -> assertThat(withLanguage(typed).language()).isEqualTo("en"));
    assertThat(withLanguage("").language()).isNull();
    assertThat(withLanguage("").problems()).isEmpty();
  }

  @Test
  void importsARowInAnUnknownLanguageInTheGroupsLanguageWithAWarning() {
    CheckedRow row = withLanguage("Deutsch");

    assertThat(row.valid()).isTrue();
    assertThat(row.language()).isNull();
    assertThat(row.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.code()).isEqualTo(ProblemCode.UNKNOWN_LANGUAGE);
      assertThat(problem.severity()).isEqualTo(Severity.WARNING);
    });
  }

  /** A row of its own file: the e-mail is not met twice. */
  private static CheckedRow withLanguage(String language) {
    return new RowChecker(new ColumnMapping(true, List.of(Field.values())), Set.of(), 50).check(new Row(2,
        List.of("Anne", "Martin", "anne@example.org", "", "", "", "", "", "", "", "", "", language)));
  }

  @Test
  void skipsRowsWithNothingInThem() {
    assertThat(checker.check(new Row(9, List.of("", " ", "")))).isNull();
  }

  private CheckedRow check(long line, String... cells) {
    return checker.check(new Row(line, List.of(cells)));
  }
}

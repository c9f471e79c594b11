package coop.roster.imports.checking;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static coop.roster.imports.checking.Field.*;
import static org.assertj.core.api.Assertions.assertThat;

class HeaderRecognitionTest {

  @Test
  void recognisesCagettesTwelveColumnsWithNoMappingStep() {
    ColumnMapping mapping = HeaderRecognition.propose(List.of("Prénom", "Nom", "Courriel", "Téléphone portable",
        "Prénom conjoint(e)", "Nom conjoint(e)", "Courriel conjoint(e)", "Téléphone conjoint(e)", "Adresse 1",
        "Adresse 2", "Code postal", "Ville"));

    assertThat(mapping).isEqualTo(new ColumnMapping(true, List.of(Field.values()).subList(0, CITY.ordinal() + 1)));
    assertThat(mapping.usable()).isTrue();
  }

  @Test
  void recognisesALanguageColumnInFrenchOrEnglish() {
    assertThat(List.of("Langue", "LANGUE", "Language", "Langue préférée", "Preferred language"))
        .allSatisfy(header -> assertThat(HeaderRecognition.field(header)).isEqualTo(LANGUAGE));
  }

  @Test
  void ignoresCaseAccentsSpacesAndPunctuation() {
    assertThat(List.of("PRENOM", " first_name ", "First Name", "prénom"))
        .allSatisfy(header -> assertThat(HeaderRecognition.field(header)).isEqualTo(FIRST_NAME));
    assertThat(List.of("E-mail", "EMAIL", "Mail", "courriel", "Adresse e-mail"))
        .allSatisfy(header -> assertThat(HeaderRecognition.field(header)).isEqualTo(EMAIL));
    assertThat(List.of("Surname", "Last name", "NOM"))
        .allSatisfy(header -> assertThat(HeaderRecognition.field(header)).isEqualTo(LAST_NAME));
    assertThat(List.of("Téléphone", "Mobile", "Phone", "Téléphone portable"))
        .allSatisfy(header -> assertThat(HeaderRecognition.field(header)).isEqualTo(PHONE));
    assertThat(List.of("Zip", "Postcode", "Code Postal"))
        .allSatisfy(header -> assertThat(HeaderRecognition.field(header)).isEqualTo(POSTCODE));
  }

  @Test
  void leavesUnknownColumnsAsideAndAsksForMissingRequiredOnes() {
    ColumnMapping mapping = HeaderRecognition.propose(List.of("Nom", "Remarques", "Courriel"));

    assertThat(mapping.headerRow()).isTrue();
    assertThat(mapping.columns()).containsExactly(LAST_NAME, null, EMAIL);
    assertThat(mapping.missingRequired()).containsExactly(FIRST_NAME);
  }

  @Test
  void takesAFirstRowHoldingAMemberForDataAndGuessesOnlyItsEmail() {
    ColumnMapping mapping = HeaderRecognition.propose(List.of("Élise", "Dupré", "elise@amap-des-lilas.example"));

    assertThat(mapping.headerRow()).isFalse();
    assertThat(mapping.columns()).containsExactly(null, null, EMAIL);
  }

  @Test
  void givesFilesOfTheSameShapeTheSameSignature() {
    assertThat(HeaderRecognition.signature(List.of("NOM", "Prénom", "Remarques"), true))
        .isEqualTo(HeaderRecognition.signature(List.of("nom", "prenom", "remarques"), true));
    assertThat(HeaderRecognition.signature(Arrays.asList("Élise", "Dupré"), false))
        .isEqualTo(HeaderRecognition.signature(List.of("Jean", "Martin"), false));
  }
}

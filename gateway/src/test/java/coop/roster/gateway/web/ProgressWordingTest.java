package coop.roster.gateway.web;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress lines of imports and invitations, as the bundles word them (set up as application.yml does). */
class ProgressWordingTest {

  private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

  ProgressWordingTest() {
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    messages.setAlwaysUseMessageFormat(true);
  }

  @Test
  void countsImportedRowsInGoodFrench() {
    assertThat(importFigures(0, Locale.FRENCH)).isEqualTo("0 ligne traitée sur 5");
    assertThat(importFigures(1, Locale.FRENCH)).isEqualTo("1 ligne traitée sur 5");
    assertThat(importFigures(4, Locale.FRENCH)).isEqualTo("4 lignes traitées sur 5");
  }

  @Test
  void countsImportedRowsInGoodEnglish() {
    assertThat(importFigures(0, Locale.ENGLISH)).isEqualTo("0 rows processed out of 5");
    assertThat(importFigures(1, Locale.ENGLISH)).isEqualTo("1 row processed out of 5");
    assertThat(importFigures(4, Locale.ENGLISH)).isEqualTo("4 rows processed out of 5");
  }

  @Test
  void countsSentAndFailedInvitationsInGoodFrench() {
    assertThat(invitationFigures(0, 1)).isEqualTo("0 envoyée, 1 échouée, sur 12");
    assertThat(invitationFigures(11, 0)).isEqualTo("11 envoyées, 0 échouée, sur 12");
    assertThat(invitationFigures(9, 3)).isEqualTo("9 envoyées, 3 échouées, sur 12");
  }

  @Test
  void saysTheImportEndedAndNeverCountsPeopleAlreadyInTheGroupAsImported() {
    assertThat(messages.getMessage("import.progress.finished", null, Locale.FRENCH)).isEqualTo("Import terminé");
    assertThat(messages.getMessage("import.confirm.submitWithExisting", null, Locale.FRENCH))
        .isEqualTo("Confirmer l’import");
    assertThat(messages.getMessage("import.confirm.submitWithExisting", null, Locale.ENGLISH))
        .isEqualTo("Confirm the import");
  }

  /** As templates/imports/progress.html passes them: the counts written out, then the count the wording follows. */
  private String importFigures(long processed, Locale locale) {
    return messages.getMessage("import.progress.figures", new Object[] {Long.toString(processed), "5", processed},
        locale);
  }

  /** As templates/invitations/progress.html passes them. */
  private String invitationFigures(long sent, long failed) {
    return messages.getMessage("invitations.progress.figures",
        new Object[] {Long.toString(sent), Long.toString(failed), "12", sent, failed}, Locale.FRENCH);
  }
}

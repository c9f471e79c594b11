package coop.roster.gateway.web;

import coop.roster.gateway.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Dates and numbers as each reader writes them. */
class FormatsTest {

  private final Formats formats = new Formats(TestSettings.settings());

  @AfterEach
  void resetLocale() {
    LocaleContextHolder.resetLocaleContext();
  }

  @Test
  void writesDatesAndNumbersTheFrenchWay() {
    LocaleContextHolder.setLocale(Locale.FRENCH);
    assertThat(formats.date(Instant.parse("2026-03-12T23:30:00Z"))).isEqualTo("13 mars 2026");
    assertThat(formats.number(12345)).isEqualTo("12\u202f345");
    assertThat(formats.percentText(1, 4)).isEqualTo("25\u00a0%");
  }

  @Test
  void writesDatesAndNumbersTheEnglishWay() {
    LocaleContextHolder.setLocale(Locale.ENGLISH);
    assertThat(formats.date(Instant.parse("2026-03-12T10:00:00Z"))).isEqualTo("Mar 12, 2026");
    assertThat(formats.number(12345)).isEqualTo("12,345");
    assertThat(formats.percentText(1, 4)).isEqualTo("25%");
  }

  @Test
  void nothingToDoIsDone() {
    assertThat(Formats.percent(0, 0)).isEqualTo(100);
    assertThat(Formats.percent(3, 2)).isEqualTo(100);
    assertThat(Formats.percent(1, 3)).isEqualTo(33);
  }

  @Test
  void pagesAreInFrenchOrEnglishAndFrenchForAnyOtherLanguage() {
    assertThat(Languages.supported(Locale.ENGLISH)).isEqualTo(Locale.ENGLISH);
    assertThat(Languages.supported(Locale.UK)).isEqualTo(Locale.ENGLISH);
    assertThat(Languages.supported(Locale.CANADA_FRENCH)).isEqualTo(Locale.FRENCH);
    assertThat(Languages.supported(Locale.GERMAN)).isEqualTo(Locale.FRENCH);
    assertThat(Languages.supported(null)).isEqualTo(Locale.FRENCH);
  }
}

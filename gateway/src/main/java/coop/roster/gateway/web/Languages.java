package coop.roster.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The language of the pages: French (the user guide's words) unless the person chose English with the
 * switch ({@code ?lang=en}), remembered in a cookie for a year. Any other language asked is French.
 */
final class Languages extends CookieLocaleResolver {

  static final Locale FRENCH = Locale.FRENCH;
  static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

  Languages() {
    super("roster_lang");
    setDefaultLocale(FRENCH);
    setCookieMaxAge(Duration.ofDays(365));
    setCookieSameSite("Lax");
    setCookieHttpOnly(true);
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    super.setLocale(request, response, supported(locale));
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    return supported(super.resolveLocale(request));
  }

  static Locale supported(Locale locale) {
    if (locale == null) {
      return FRENCH;
    }
    return SUPPORTED.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst().orElse(FRENCH);
  }
}

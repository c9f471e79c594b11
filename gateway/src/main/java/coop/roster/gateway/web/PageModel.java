package coop.roster.gateway.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What the layout of every page shows: who is logged in, the language and the link to the other one. */
@ControllerAdvice
class PageModel {

  /** The person logged in, as the header names them; {@code null} on public pages for a visitor. */
  record Me(String name, String email) {
  }

  @ModelAttribute("me")
  Me me(@AuthenticationPrincipal OidcUser user) {
    if (user == null) {
      return null;
    }
    String name = user.getFullName() != null && !user.getFullName().isBlank() ? user.getFullName()
        : user.getEmail();
    return new Me(name, user.getEmail());
  }

  @ModelAttribute("lang")
  String language() {
    return LocaleContextHolder.getLocale().getLanguage();
  }

  /** This page in the other language: the same address and query, {@code lang} switched. */
  @ModelAttribute("otherLanguageUrl")
  String otherLanguageUrl(HttpServletRequest request) {
    String other = "en".equals(language()) ? "fr" : "en";
    // The raw path and query as the browser sent them, lang replaced; build() encodes nothing again.
    // On an error page, the address the person asked for rather than /error.
    Object asked = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = asked instanceof String original ? original : request.getRequestURI();
    return UriComponentsBuilder.fromPath(path).query(asked != null ? null : request.getQueryString())
        .replaceQueryParam("lang", other).build().toUriString();
  }
}

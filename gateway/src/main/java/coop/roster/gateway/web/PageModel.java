package coop.roster.gateway.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the layout of every page shows: who is logged in, the language and the link to the other one.
 * Controllers' pages get it as model attributes; error pages, which those do not reach, through
 * {@link #addTo(ModelAndView, HttpServletRequest)}.
 */
@ControllerAdvice
class PageModel {

  /** The person logged in, as the header names them. */
  record Me(String name, String email) {
  }

  /** {@code null} on public pages for a visitor. */
  @ModelAttribute("me")
  Me me() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
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
    // On an error page, the address the person asked for rather than /error.
    Object asked = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = asked instanceof String original ? original : request.getRequestURI();
    // The raw path and query as the browser sent them, lang replaced; build() encodes nothing again.
    return UriComponentsBuilder.fromPath(path).query(asked != null ? null : request.getQueryString())
        .replaceQueryParam("lang", other).build().toUriString();
  }

  ModelAndView addTo(ModelAndView page, HttpServletRequest request) {
    return page.addObject("me", me()).addObject("lang", language())
        .addObject("otherLanguageUrl", otherLanguageUrl(request));
  }
}

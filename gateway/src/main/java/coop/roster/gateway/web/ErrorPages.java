package coop.roster.gateway.web;

import coop.roster.gateway.backend.BackendProblem;
import coop.roster.gateway.backend.BackendUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a page shows when a service said no or did not answer: a sentence in the reader's language
 * (the service's own when it wrote one), never a stack trace or raw JSON; "try again" when a service
 * is away. Pages that can do better (a form showing errors next to its fields) catch problems first.
 */
@ControllerAdvice
public class ErrorPages {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
  /** Where a person goes to log in again; Spring Security's own start of the authorization code flow. */
  static final String LOGIN = "/oauth2/authorization/keycloak";

  private final HttpSessionRequestCache requests = new HttpSessionRequestCache();
  private final PageModel pageModel;

  ErrorPages(PageModel pageModel) {
    this.pageModel = pageModel;
  }

  @ExceptionHandler(BackendProblem.class)
  ModelAndView problem(BackendProblem problem, HttpServletRequest request, HttpServletResponse response) {
    if (problem.is(401)) {
      // The service no longer takes the token (session ended at Keycloak): log in again, then come back.
      return loginAgain(request, response);
    }
    HttpStatus status = switch (problem.status().value()) {
      case 403 -> HttpStatus.FORBIDDEN;
      case 404 -> HttpStatus.NOT_FOUND;
      case 409 -> HttpStatus.CONFLICT;
      default -> HttpStatus.BAD_REQUEST;
    };
    ModelAndView page = new ModelAndView("error/problem", status);
    page.addObject("status", status.value());
    page.addObject("detail", problem.detail());
    return pageModel.addTo(page, request);
  }

  @ExceptionHandler(BackendUnavailable.class)
  ModelAndView unavailable(BackendUnavailable unavailable, HttpServletRequest request) {
    LOG.warn("{} on {} {}", unavailable.getMessage(), request.getMethod(), request.getRequestURI());
    return tryAgain(request);
  }

  /**
   * The user's tokens could not be had: Keycloak is away (try again), or the login ended (log in again;
   * Keycloak answers at once while its own session lasts).
   */
  @ExceptionHandler(OAuth2AuthorizationException.class)
  ModelAndView authorization(OAuth2AuthorizationException e, HttpServletRequest request,
      HttpServletResponse response) {
    if (causedByIo(e)) {
      LOG.warn("Keycloak did not answer on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
      return tryAgain(request);
    }
    return loginAgain(request, response);
  }

  private ModelAndView loginAgain(HttpServletRequest request, HttpServletResponse response) {
    if ("GET".equals(request.getMethod())) {
      requests.saveRequest(request, response);
    }
    return new ModelAndView("redirect:" + LOGIN);
  }

  private ModelAndView tryAgain(HttpServletRequest request) {
    ModelAndView page = new ModelAndView("error/unavailable", HttpStatus.SERVICE_UNAVAILABLE);
    // A GET is tried again as it is; after a form, the person goes back to the page they came from.
    page.addObject("retryUrl", "GET".equals(request.getMethod())
        ? request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString())
        : null);
    return pageModel.addTo(page, request);
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException || cause instanceof org.springframework.web.client.ResourceAccessException) {
        return true;
      }
    }
    return false;
  }
}

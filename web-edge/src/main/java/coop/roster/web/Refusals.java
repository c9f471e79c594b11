package coop.roster.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 401 and 403 from the security filters, where Spring MVC's advice does not reach, as problem details
 * ({@code problem.unauthorized}, {@code problem.forbidden}); the {@code WWW-Authenticate} header of RFC 6750 kept.
 * A token that could not be checked because the identity provider's keys could not be read is a 503
 * ({@code problem.identityUnavailable}, with {@code Retry-After}): the caller's token may well be good.
 */
final class Refusals {

  private static final int RETRY_AFTER_SECONDS = 5;
  private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
  private final EdgeMessages messages;
  private final LocaleResolver locales;
  private final JsonMapper json = JsonMapper.builder().build();

  Refusals(EdgeMessages messages, LocaleResolver locales) {
    this.messages = messages;
    this.locales = locales;
  }

  void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    bearer.commence(request, response, e);
    write(request, response, HttpStatus.UNAUTHORIZED, "problem.unauthorized");
  }

  /** A bearer token's authentication failed: refused, or not checkable for now. */
  void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof AuthenticationServiceException) {
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
      write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "problem.identityUnavailable");
    } else {
      unauthenticated(request, response, e);
    }
  }

  void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    bearerDenied.handle(request, response, e);
    write(request, response, HttpStatus.FORBIDDEN, "problem.forbidden");
  }

  private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    problem.put("detail", messages.get(code, locales.resolveLocale(request)));
    problem.put("instance", request.getRequestURI());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}

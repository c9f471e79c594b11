package coop.roster.identity.invitation;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/** RFC 9457 problem details for the links endpoint, worded from {@code messages*.properties}. */
final class ProblemResponses {

  static final String PROBLEM_JSON = "application/problem+json";
  private static final String BUNDLE = "coop.roster.identity.invitation.messages";

  private final Locale locale;

  ProblemResponses(Locale locale) {
    this.locale = locale;
  }

  Response of(Problem problem, InvitationLimits limits) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", Response.Status.fromStatusCode(problem.status).getReasonPhrase());
    body.put("status", problem.status);
    body.put("detail", detail(problem, limits));
    body.put("code", problem.code);
    Response.ResponseBuilder response = Response.status(problem.status)
        .type(PROBLEM_JSON)
        .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
        .entity(InvitationLinksResource.json(body));
    if (problem.status == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.build();
  }

  String detail(Problem problem, InvitationLimits limits) {
    // The base bundle is French; no fallback to the JVM's default locale.
    ResourceBundle messages = ResourceBundle.getBundle(BUNDLE, locale, ProblemResponses.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return new MessageFormat(messages.getString(problem.code), locale).format(new Object[] {
        limits.maxEmails(), limits.minLifetimeSeconds(), limits.maxLifetimeSeconds()});
  }
}

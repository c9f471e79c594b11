package coop.roster.member.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A problem whose {@code detail} is the message {@code problem.<key>} of the FR/EN bundles, filled
 * with {@code arguments}; Spring MVC resolves it in the caller's language.
 */
public class LocalizedProblem extends ErrorResponseException {

  public LocalizedProblem(HttpStatusCode status, String key, Object... arguments) {
    super(status, ProblemDetail.forStatus(status), null, "problem." + key, arguments);
  }

  /** Adds a machine-readable field to the problem. */
  protected void property(String name, Object value) {
    getBody().setProperty(name, value);
  }
}

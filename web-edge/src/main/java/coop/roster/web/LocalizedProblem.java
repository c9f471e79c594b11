package coop.roster.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.Map;

/**
 * A refusal a person reads: an RFC 9457 problem whose {@code detail} is the message {@code messageCode} of the
 * service's FR/EN bundles filled with {@code arguments}, resolved in the caller's language by
 * {@link ProblemReplies}; {@code code} and the other properties are for programs.
 */
public class LocalizedProblem extends ErrorResponseException {

  public LocalizedProblem(HttpStatusCode status, String messageCode, Object... arguments) {
    this(status, Map.of(), messageCode, arguments);
  }

  public LocalizedProblem(HttpStatusCode status, Map<String, ?> properties, String messageCode,
      Object... arguments) {
    super(status, problem(status, properties, messageCode), null, messageCode, arguments);
  }

  /** Adds a machine-readable field to the problem. */
  protected void property(String name, Object value) {
    getBody().setProperty(name, value);
  }

  private static ProblemDetail problem(HttpStatusCode status, Map<String, ?> properties, String messageCode) {
    ProblemDetail problem = ProblemDetail.forStatus(status);
    properties.forEach(problem::setProperty);
    problem.setProperty("code", messageCode);
    return problem;
  }
}

package coop.roster.imports.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.Map;

/**
 * A refusal a coordinator reads: its {@code detail} is the bundle message {@code messageCode} with
 * {@code arguments}, in the language of the request; {@code properties} are for programs.
 */
public class ProblemException extends ErrorResponseException {

  public ProblemException(HttpStatus status, String messageCode, Object... arguments) {
    this(status, Map.of(), messageCode, arguments);
  }

  public ProblemException(HttpStatus status, Map<String, Object> properties, String messageCode,
      Object... arguments) {
    super(status, problem(status, properties), null, messageCode, arguments);
  }

  private static ProblemDetail problem(HttpStatus status, Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setProperties(Map.copyOf(properties));
    return problem;
  }
}

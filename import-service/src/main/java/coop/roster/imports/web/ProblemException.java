package coop.roster.imports.web;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A refusal a coordinator reads: its {@code detail} is the bundle message {@code messageCode} with
 * {@code arguments}, in the language of the request; {@code properties} are for programs. import-service's name
 * for the web edge's {@link coop.roster.web.LocalizedProblem}.
 */
public class ProblemException extends coop.roster.web.LocalizedProblem {

  public ProblemException(HttpStatus status, String messageCode, Object... arguments) {
    super(status, messageCode, arguments);
  }

  public ProblemException(HttpStatus status, Map<String, Object> properties, String messageCode,
      Object... arguments) {
    super(status, properties, messageCode, arguments);
  }
}

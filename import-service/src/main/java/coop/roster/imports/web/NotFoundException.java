package coop.roster.imports.web;

import org.springframework.http.HttpStatus;

/** What was asked for does not exist in this group. */
public class NotFoundException extends ProblemException {

  public NotFoundException(String messageCode, Object... arguments) {
    super(HttpStatus.NOT_FOUND, messageCode, arguments);
  }
}

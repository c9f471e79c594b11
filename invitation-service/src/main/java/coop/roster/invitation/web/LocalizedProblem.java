package coop.roster.invitation.web;

import org.springframework.http.HttpStatus;

/** An error the API answers with a problem detail whose {@code detail} comes from the message bundles. */
public class LocalizedProblem extends RuntimeException {

  private final HttpStatus status;
  private final String messageCode;
  private final transient Object[] arguments;

  public LocalizedProblem(HttpStatus status, String messageCode, Object... arguments) {
    super(messageCode);
    this.status = status;
    this.messageCode = messageCode;
    this.arguments = arguments;
  }

  HttpStatus status() {
    return status;
  }

  String messageCode() {
    return messageCode;
  }

  Object[] arguments() {
    return arguments;
  }
}

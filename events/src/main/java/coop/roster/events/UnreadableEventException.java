package coop.roster.events;

/** A payload that is not the expected event: consumers send it to the dead-letter topic. */
public class UnreadableEventException extends RuntimeException {

  public UnreadableEventException(String message, Throwable cause) {
    super(message, cause);
  }
}

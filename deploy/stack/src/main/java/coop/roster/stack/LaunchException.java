package coop.roster.stack;

/** A part did not start, or did not become ready in time. */
public class LaunchException extends RuntimeException {

  public LaunchException(String message) {
    super(message);
  }

  public LaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}

package coop.roster.gateway.backend;

/** A service did not answer, or answered that it cannot now (5xx): the person is asked to try again. */
public class BackendUnavailable extends RuntimeException {

  private final Backend backend;

  public BackendUnavailable(Backend backend, String reason, Throwable cause) {
    super(backend.serviceId() + " is unavailable: " + reason, cause);
    this.backend = backend;
  }

  public Backend backend() {
    return backend;
  }
}

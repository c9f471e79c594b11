package coop.roster.gateway.backend;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service answered with an error: its status and the RFC 9457 problem detail it gave, whose
 * {@code detail} is already a sentence in the user's language (the services read Accept-Language).
 *
 * @see coop.roster.gateway.web.ErrorPages how a page shows it
 */
public class BackendProblem extends RuntimeException {

  private final Backend backend;
  private final HttpStatusCode status;
  private final String detail;
  private final Map<String, Object> properties;

  BackendProblem(Backend backend, HttpStatusCode status, String detail, Map<String, Object> properties) {
    super(backend.serviceId() + " answered " + status.value() + (detail == null ? "" : ": " + detail));
    this.backend = backend;
    this.status = status;
    this.detail = detail;
    // Not Map.copyOf: problem details may carry null fields ("instance": null), which it refuses.
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** A refusal on the service's behalf, from what it answered (a group whose coordinators no longer include the person). */
  public static BackendProblem refused(Backend backend, String detail) {
    return new BackendProblem(backend, HttpStatus.FORBIDDEN, detail, Map.of());
  }

  /** An error answer without a problem detail (a file download refused, for instance). */
  public static BackendProblem withStatus(Backend backend, HttpStatusCode status) {
    return new BackendProblem(backend, status, null, Map.of());
  }

  public Backend backend() {
    return backend;
  }

  public HttpStatusCode status() {
    return status;
  }

  public boolean is(int status) {
    return this.status.value() == status;
  }

  /** The sentence the service wrote for a person, or {@code null} if it wrote none. */
  public String detail() {
    return detail;
  }

  /** A machine-readable field of the problem ({@code errors}, {@code existingMemberId}...), or {@code null}. */
  public Object property(String name) {
    return properties.get(name);
  }

  /** The problem's {@code errors}: a message per field, as the service wrote them. */
  @SuppressWarnings("unchecked")
  public Map<String, String> fieldErrors() {
    return properties.get("errors") instanceof Map<?, ?> errors ? (Map<String, String>) errors : Map.of();
  }
}

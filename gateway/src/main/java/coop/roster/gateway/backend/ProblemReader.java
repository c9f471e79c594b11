package coop.roster.gateway.backend;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a service's error answer: its problem detail when it sent one (RFC 9457), its status otherwise. */
public final class ProblemReader {

  /** More than any problem detail the services write; the rest of an unexpected body is ignored. */
  private static final int MAX_BODY = 256 * 1024;

  private final Backend backend;
  private final JsonMapper json;

  public ProblemReader(Backend backend, JsonMapper json) {
    this.backend = backend;
    this.json = json;
  }

  public RuntimeException read(ClientHttpResponse response) throws IOException {
    HttpStatusCode status = response.getStatusCode();
    if (status.is5xxServerError()) {
      return new BackendUnavailable(backend, "status " + status.value(), null);
    }
    Map<String, Object> problem = parse(response);
    Object detail = problem.remove("detail");
    return new BackendProblem(backend, status, detail instanceof String text && !text.isBlank() ? text : null,
        problem);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parse(ClientHttpResponse response) throws IOException {
    var type = response.getHeaders().getContentType();
    if (type == null || !type.getSubtype().contains("json")) {
      return new LinkedHashMap<>();
    }
    try (InputStream body = response.getBody()) {
      byte[] bytes = body.readNBytes(MAX_BODY);
      Object value = json.readValue(bytes, Object.class);
      return value instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    } catch (JacksonException notJson) {
      return new LinkedHashMap<>();
    }
  }
}

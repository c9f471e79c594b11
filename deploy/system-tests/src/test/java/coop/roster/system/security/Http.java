package coop.roster.system.security;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** One HTTP client for the whole suite: calls as an attacker makes them, with whatever token (or none) they hold. */
final class Http {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Http() {
  }

  /** An answer: status, content type and body. */
  record Answer(int status, String contentType, String body) {

    JsonNode json() {
      return JSON.readTree(body);
    }

    boolean isProblem() {
      return contentType.startsWith("application/problem+json");
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  /** A call with a JSON body (or none when {@code json} is null) and this bearer token (or none when null). */
  static Answer call(String method, String url, String token, Object json) {
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(json instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
            : JSON.writeValueAsBytes(json));
    HttpRequest.Builder request = request(url, token).method(method, body);
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request);
  }

  static Answer get(String url, String token) {
    return call("GET", url, token, null);
  }

  /** A form post ({@code application/x-www-form-urlencoded}), as to Keycloak's token endpoint. */
  static Answer form(String url, Map<String, String> fields) {
    return send(request(url, null).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(formEncoded(fields))));
  }

  private static String formEncoded(Map<String, String> fields) {
    return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  /** A file as a browser's form sends it ({@code multipart/form-data}, field {@code file}). */
  static Answer upload(String url, String token, String fileName, byte[] content) {
    String boundary = "roster-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(url, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static HttpRequest.Builder request(String url, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
        .header("Accept-Language", "fr");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = CLIENT.send(request.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

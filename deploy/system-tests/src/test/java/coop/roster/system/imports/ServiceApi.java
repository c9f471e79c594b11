package coop.roster.system.imports;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A service's REST API over real HTTP, called as the gateway relays a person's calls: their bearer token. */
final class ServiceApi {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String baseUrl;
  private final String token;

  ServiceApi(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** An answer: its status, content type and body. */
  record Answer(int status, String contentType, String body) {

    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  String token() {
    return token;
  }

  Answer get(String path) {
    return send(request(path).GET());
  }

  Answer post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  /** A file sent as a browser's form sends it ({@code multipart/form-data}, field {@code file}). */
  Answer upload(String path, String fileName, byte[] content) {
    String boundary = "roster-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofMinutes(5))
        .header("Accept-Language", "fr");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(request.build(),
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

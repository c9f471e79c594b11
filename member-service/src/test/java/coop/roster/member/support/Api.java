package coop.roster.member.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** member-service's API over real HTTP, as the gateway calls it: a bearer token, JSON. */
public final class Api {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final String baseUrl;
  private final String token;
  private final String language;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public Api(int port, String token) {
    this("http://127.0.0.1:" + port, token, "fr");
  }

  private Api(String baseUrl, String token, String language) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.language = language;
  }

  /** The same caller, asking for answers in another language. */
  public Api inLanguage(String language) {
    return new Api(baseUrl, token, language);
  }

  /** The same server, called without a token. */
  public Api anonymous() {
    return new Api(baseUrl, null, language);
  }

  /** An answer: status, headers, body. */
  public record Answer(int status, String contentType, String body, HttpResponse<byte[]> raw) {

    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  public Answer get(String path) {
    return send(request(path).GET());
  }

  public Answer delete(String path) {
    return send(request(path).DELETE());
  }

  public Answer post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  public Answer put(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(60))
        .header("Accept-Language", language);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          new String(response.body(), StandardCharsets.UTF_8), response);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package coop.roster.imports;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Drives import-service's REST API over real HTTP, as the gateway (and later the system tests)
 * will: upload, preview, mapping, confirmation, progress, report, rejected rows.
 */
final class ImportApi {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;

  ImportApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** An answer: its status, headers and body. */
  record Answer(int status, String contentType, String body) {

    JsonNode json() {
      return JSON.readTree(body);
    }

    String detail() {
      return json().path("detail").asString();
    }
  }

  Answer upload(String token, String groupId, String fileName, byte[] content) {
    return upload(token, groupId, fileName, content, "fr");
  }

  Answer upload(String token, String groupId, String fileName, byte[] content, String language) {
    String boundary = "roster-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request("/api/groups/" + groupId + "/imports", token, language)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** A file downloaded: its status, content type and bytes. */
  record Download(int status, String contentType, byte[] body) {
  }

  Download download(String token, String path) {
    try {
      HttpResponse<byte[]> response = http.send(request(path, token, "fr").GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer get(String token, String path) {
    return get(token, path, "fr");
  }

  Answer get(String token, String path, String language) {
    return send(request(path, token, language).GET());
  }

  Answer preview(String token, String groupId, String importId) {
    return get(token, "/api/groups/" + groupId + "/imports/" + importId);
  }

  Answer map(String token, String groupId, String importId, String mappingJson) {
    return map(token, groupId, importId, mappingJson, "fr");
  }

  Answer chooseSheet(String token, String groupId, String importId, String sheetJson) {
    return send(request("/api/groups/" + groupId + "/imports/" + importId + "/sheet", token, "fr")
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(sheetJson)));
  }

  Answer confirm(String token, String groupId, String importId, String policy, boolean consent) {
    return send(request("/api/groups/" + groupId + "/imports/" + importId + "/confirmation", token, "fr")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"policy\":\"" + policy + "\",\"consent\":" + consent + "}")));
  }

  Answer republish(String token, String groupId, String importId) {
    return post(token, "/api/groups/" + groupId + "/imports/" + importId + "/republish", "fr");
  }

  Answer cancel(String token, String groupId, String importId) {
    return post(token, "/api/groups/" + groupId + "/imports/" + importId + "/cancellation", "fr");
  }

  Answer post(String token, String path, String language) {
    return send(request(path, token, language).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Answer map(String token, String groupId, String importId, String mappingJson, String language) {
    return send(request("/api/groups/" + groupId + "/imports/" + importId + "/mapping", token, language)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(mappingJson)));
  }

  Answer report(String token, String groupId, String importId) {
    return get(token, "/api/groups/" + groupId + "/imports/" + importId + "/report");
  }

  /** Polls the import until the condition holds on its JSON, or fails after the timeout. */
  JsonNode awaitImport(String token, String groupId, String importId, Predicate<JsonNode> condition,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = preview(token, groupId, importId).json();
      if (condition.test(last)) {
        return last;
      }
      sleep(200);
    }
    throw new AssertionError("import " + importId + " never reached the expected state; last: " + last);
  }

  private HttpRequest.Builder request(String path, String token, String language) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofMinutes(2))
        .header("Accept-Language", language);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

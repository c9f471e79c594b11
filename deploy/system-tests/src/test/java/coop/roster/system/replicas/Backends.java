package coop.roster.system.replicas;

import coop.roster.stack.Services;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A service's API as a client reaches it behind a balancer: each call goes to the next running
 * instance, so every replica answers some of them and a killed one is simply no longer asked.
 */
public final class Backends {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Services services;
  private final String service;
  private final Supplier<String> token;
  private final AtomicInteger next = new AtomicInteger();

  public Backends(Services services, String service, Supplier<String> token) {
    this.services = services;
    this.service = service;
    this.token = reusedForAMinute(token);
  }

  /** A token is good for minutes: ask Keycloak again only once a minute, not for every call. */
  private static Supplier<String> reusedForAMinute(Supplier<String> fresh) {
    return new Supplier<>() {
      private String token;
      private long until;

      @Override
      public synchronized String get() {
        if (token == null || System.nanoTime() > until) {
          token = fresh.get();
          until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        }
        return token;
      }
    };
  }

  public JsonNode get(String path) {
    return send(path, builder -> builder.GET());
  }

  public JsonNode post(String path, Object body) {
    return send(path, builder -> builder.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  /** A multipart upload of one CSV file, as the import page sends it. */
  public JsonNode upload(String path, String fileName, byte[] csv) {
    String boundary = "roster-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return send(path, builder -> builder.header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
            HttpRequest.BodyPublishers.ofByteArray(csv), HttpRequest.BodyPublishers.ofByteArray(tail))));
  }

  private JsonNode send(String path, java.util.function.UnaryOperator<HttpRequest.Builder> method) {
    for (int attempt = 1; ; attempt++) {
      try {
        return sendOnce(path, method);
      } catch (UncheckedIOException e) {
        // Refused: an instance killed a moment ago; nothing reached it, so the next one is asked.
        if (!(e.getCause() instanceof java.net.ConnectException) || attempt == 3) {
          throw e;
        }
      }
    }
  }

  private JsonNode sendOnce(String path, java.util.function.UnaryOperator<HttpRequest.Builder> method) {
    List<Services.Instance> running = services.running(service);
    Services.Instance instance = running.get(Math.floorMod(next.getAndIncrement(), running.size()));
    HttpRequest request = method.apply(HttpRequest.newBuilder(URI.create(instance.url() + path))
        .header("Authorization", "Bearer " + token.get()).header("Accept", "application/json")
        .timeout(Duration.ofSeconds(60))).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
            + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(instance.name() + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package coop.roster.gateway;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: an HTTP client with its cookies that follows redirects one by one, and
 * logs in on Keycloak's real login page the way a person does (the form's action, e-mail, password).
 */
final class KeycloakLogin {

  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
  private static final Pattern ANY_FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

  final HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

  /** Opens {@code url} of the gateway, logs in on Keycloak's page when sent there, and answers where it lands. */
  HttpResponse<String> logIn(String url, String email, String password) throws Exception {
    HttpResponse<String> response = followRedirects(get(url));
    String page = response.body();
    Matcher action = FORM_ACTION.matcher(page);
    if (!action.find()) {
      action = ANY_FORM_ACTION.matcher(page);
      if (!action.find()) {
        throw new IllegalStateException("no login form at " + response.uri() + ": " + page);
      }
    }
    String form = "username=" + encode(email) + "&password=" + encode(password) + "&credentialId=";
    return followRedirects(http.send(HttpRequest.newBuilder(response.uri().resolve(unescape(action.group(1))))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
  }

  HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String url, String form) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> followRedirects(HttpResponse<String> response) throws IOException, InterruptedException {
    for (int i = 0; i < 10 && response.statusCode() / 100 == 3; i++) {
      URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      response = http.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofString());
    }
    return response;
  }

  /**
   * Cookies as a browser keeps them for 127.0.0.1, a secure context: Keycloak marks its cookies
   * {@code Secure; SameSite=None}, which Java's CookieManager never sends over plain HTTP. By name, for
   * the host only (the gateway and Keycloak name theirs apart); expired ones are forgotten.
   */
  static final class LoopbackCookies extends CookieHandler {

    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
      if (cookies.isEmpty()) {
        return Map.of();
      }
      return Map.of("Cookie", List.of(cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
      responseHeaders.forEach((name, values) -> {
        if ("Set-Cookie".equalsIgnoreCase(name)) {
          for (String header : values) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
              if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
              } else {
                cookies.put(cookie.getName(), cookie.getValue());
              }
            }
          }
        }
      });
    }
  }

  /** The CSRF token of the first form of a page. */
  static String csrfToken(String page) {
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    if (!token.find()) {
      throw new IllegalStateException("no CSRF token in the page");
    }
    return token.group(1);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String unescape(String html) {
    return html.replace("&amp;", "&");
  }
}

package coop.roster.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Coordinateurs" pages and the calls behind them, on a real Keycloak login. member-service is stood for by
 * a small HTTP server that answers its group API as its contract says and records every request it gets: what
 * a service receives from the gateway is what these tests look at.
 */
@RosterInfrastructure(Part.KEYCLOAK)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CoordinatorPagesIT {

  private static final String GROUP = "amap-des-lilas";
  private static final MemberServiceStandIn MEMBER_SERVICE = new MemberServiceStandIn();

  @DynamicPropertySource
  static void memberServiceHere(DynamicPropertyRegistry registry) {
    registry.add("roster.backends.member-service", MEMBER_SERVICE::url);
  }

  @AfterAll
  static void stop() {
    MEMBER_SERVICE.server.stop(0);
  }

  @LocalServerPort
  int port;

  private final TestAccounts accounts = TestAccounts.fromSystemProperties();
  private final KeycloakLogin browser = new KeycloakLogin();
  private String elise;

  @BeforeEach
  void eliseCoordinatesTheGroupWithPaulAsAMember() throws Exception {
    accounts.allowGatewayAt(gateway(""));
    elise = "elise-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    MEMBER_SERVICE.reset(elise);
    accounts.coordinatorToken(elise, GROUP);
    browser.logIn(gateway("/"), elise, TestAccounts.PASSWORD);
    MEMBER_SERVICE.requests.clear();
  }

  @Test
  void theServicesGetTheUsersTokenButNeverTheGatewaysSessionCookie() throws Exception {
    assertThat(browser.get(gateway("/api/groups")).statusCode()).isEqualTo(200);
    assertThat(browser.get(gateway("/groups/" + GROUP + "/coordinators")).statusCode()).isEqualTo(200);

    assertThat(MEMBER_SERVICE.requests).isNotEmpty().allSatisfy(request -> {
      assertThat(request.headers()).containsKey("authorization").doesNotContainKey("cookie");
      assertThat(request.headers().get("authorization")).startsWith("Bearer ");
    });
  }

  @Test
  void listsTheCoordinatorsByNameAndAddsAMemberFoundBySearch() throws Exception {
    HttpResponse<String> page = browser.get(gateway("/groups/" + GROUP + "/coordinators"));
    assertThat(page.body()).contains("Coordinateurs", "Élise Dupré", elise, "Retirer").doesNotContain("Paul Martin");

    HttpResponse<String> search = browser.get(gateway("/groups/" + GROUP + "/coordinators?q=paul"));
    assertThat(search.body()).contains("Paul Martin", "Ajouter");

    HttpResponse<String> added = browser.followRedirects(browser.post(gateway("/groups/" + GROUP
        + "/coordinators/add"), "memberId=paul&_csrf=" + KeycloakLogin.encode(KeycloakLogin.csrfToken(search.body()))));
    assertThat(MEMBER_SERVICE.coordinators).contains("paul@example.org");
    assertThat(added.body()).contains("Paul Martin coordonne maintenant le groupe.");
  }

  @Test
  void removingTheLastCoordinatorIsRefusedWithMemberServicesReason() throws Exception {
    HttpResponse<String> confirm = browser.get(gateway("/groups/" + GROUP + "/coordinators/elise/remove"));
    assertThat(confirm.body()).contains("Retirer Élise Dupré des coordinateurs ?", "Oui, retirer");

    HttpResponse<String> refused = browser.post(gateway("/groups/" + GROUP + "/coordinators/elise/remove"),
        "_csrf=" + KeycloakLogin.encode(KeycloakLogin.csrfToken(confirm.body())));

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("Le groupe doit garder au moins un coordinateur.");
  }

  @Test
  void aCoordinatorRemovedIsRefusedAtTheirNextPageThoughTheirTokenStillNamesTheGroup() throws Exception {
    assertThat(browser.get(gateway("/groups/" + GROUP + "/coordinators")).statusCode()).isEqualTo(200);

    MEMBER_SERVICE.coordinators.remove(elise);

    HttpResponse<String> page = browser.get(gateway("/groups/" + GROUP + "/members"));
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("Vous ne coordonnez plus ce groupe.").doesNotContain("Paul Martin");
    HttpResponse<String> english = browser.get(gateway("/groups/" + GROUP + "/coordinators?lang=en"));
    assertThat(english.body()).contains("You no longer coordinate this group.");
  }

  private String gateway(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** One request member-service got: its method, path and headers (names in lower case). */
  record Received(String method, String path, Map<String, String> headers) {
  }

  /** member-service's group API for one group: Élise (its coordinator) and Paul; the last coordinator stays. */
  static final class MemberServiceStandIn {

    final Queue<Received> requests = new ConcurrentLinkedQueue<>();
    final List<String> coordinators = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, String> emails = new ConcurrentHashMap<>();
    private final HttpServer server;

    MemberServiceStandIn() {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/", this::answer);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void reset(String eliseEmail) {
      emails.put("elise", eliseEmail);
      emails.put("paul", "paul@example.org");
      coordinators.clear();
      coordinators.add(eliseEmail);
    }

    private void answer(HttpExchange exchange) throws IOException {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      requests.add(new Received(method, path, exchange.getRequestHeaders().entrySet().stream()
          .collect(Collectors.toMap(header -> header.getKey().toLowerCase(), header -> String.join(",",
              header.getValue()), (a, b) -> a))));
      String groupPath = "/api/groups/" + GROUP;
      if (method.equals("GET") && path.equals("/api/groups")) {
        send(exchange, 200, "[" + group() + "]");
      } else if (method.equals("GET") && path.equals(groupPath)) {
        send(exchange, 200, group());
      } else if (method.equals("GET") && path.equals(groupPath + "/members")) {
        send(exchange, 200, members(query(exchange).getOrDefault("q", "")));
      } else if (method.equals("GET") && path.startsWith(groupPath + "/members/")) {
        send(exchange, 200, member(path.substring((groupPath + "/members/").length())));
      } else if (method.equals("POST") && path.equals(groupPath + "/coordinators")) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        emails.forEach((id, email) -> {
          if (body.contains("\"" + id + "\"") && !coordinators.contains(email)) {
            coordinators.add(email);
          }
        });
        send(exchange, 200, group());
      } else if (method.equals("DELETE") && path.startsWith(groupPath + "/coordinators/")) {
        if (coordinators.size() == 1) {
          exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
          send(exchange, 409, "{\"type\":\"about:blank\",\"status\":409,\"title\":\"Conflict\","
              + "\"detail\":\"Le groupe doit garder au moins un coordinateur.\"}");
        } else {
          coordinators.remove(emails.get(path.substring(path.lastIndexOf('/') + 1)));
          send(exchange, 200, group());
        }
      } else {
        send(exchange, 404, "{}");
      }
    }

    private String group() {
      return "{\"id\":\"" + GROUP + "\",\"name\":\"AMAP des Lilas\",\"slug\":\"" + GROUP + "\",\"coordinators\":["
          + coordinators.stream().map(email -> "\"" + email + "\"").collect(Collectors.joining(",")) + "]}";
    }

    private String members(String q) {
      List<String> found = emails.keySet().stream().sorted()
          .filter(id -> q.isBlank() || (id + " " + emails.get(id)).contains(q.toLowerCase())).map(this::member)
          .toList();
      return "{\"selection\":\"ALL\",\"sort\":\"lastName,asc\",\"page\":0,\"size\":50,\"total\":" + found.size()
          + ",\"counts\":{\"ALL\":2},\"members\":[" + String.join(",", found) + "]}";
    }

    private String member(String id) {
      String[] names = id.equals("elise") ? new String[] {"Élise", "Dupré"} : new String[] {"Paul", "Martin"};
      return "{\"id\":\"" + id + "\",\"groupId\":\"" + GROUP + "\",\"person\":{\"firstName\":\"" + names[0]
          + "\",\"lastName\":\"" + names[1] + "\",\"email\":\"" + emails.get(id) + "\"}}";
    }

    private static Map<String, String> query(HttpExchange exchange) {
      String raw = exchange.getRequestURI().getRawQuery();
      if (raw == null) {
        return Map.of();
      }
      return java.util.Arrays.stream(raw.split("&")).map(pair -> pair.split("=", 2))
          .collect(Collectors.toMap(pair -> pair[0],
              pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "", (a, b) -> a));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
      }
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }
  }
}

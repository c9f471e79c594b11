package coop.roster.system;

import coop.roster.stack.Endpoints;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import coop.roster.stack.Services;
import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running system for a test class ({@code @ExtendWith(RosterSystem.class)}): the
 * infrastructure and one instance of every service, started once per test JVM and shared by every
 * class, stopped when the JVM's tests end. Test methods take it as a parameter.
 */
public final class RosterSystem implements BeforeAllCallback, ParameterResolver, AutoCloseable {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RosterSystem.class);

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Infrastructure infrastructure;
  private Services services;
  private TestAccounts accounts;

  /** JUnit's constructor; the shared instance lives in the root store. */
  public RosterSystem() {
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    shared(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RosterSystem.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  private static RosterSystem shared(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).computeIfAbsent(RosterSystem.class, key -> {
      RosterSystem system = new RosterSystem();
      system.start();
      return system;
    }, RosterSystem.class);
  }

  private void start() {
    try {
      startEverything();
    } catch (RuntimeException e) {
      // Never stored in JUnit's store, so never closed by it: stop what did start before failing.
      close();
      throw e;
    }
  }

  private void startEverything() {
    infrastructure = Infrastructure.forTests();
    for (Part part : Part.values()) {
      infrastructure.start(part);
    }
    Map<String, String> environment = new LinkedHashMap<>(infrastructure.environment());
    Path root = Path.of(System.getProperty("roster.root", "../.."));
    services = new Services(root, environment, Path.of(System.getProperty("roster.logs.dir", "target/infra-logs")),
        false);
    services.startAll(Map.of());
    accounts = TestAccounts.from(infrastructure.environment());
    // The realm lets the gateway client log people in at the local stack's address; tests run it elsewhere.
    accounts.allowGatewayAt(gatewayUrl());
    awaitTokensAccepted();
  }

  /**
   * Waits until every backend accepts a token. Each reads Keycloak's OIDC discovery document at its first
   * authenticated request; on a crowded machine that read can time out, and the request gets a 401 that
   * says nothing about what a test checks. Any other status means the service now knows the issuer.
   */
  private void awaitTokensAccepted() {
    String token = accounts.platformAdminToken("platform-admin@system-tests.example");
    Instant deadline = Instant.now().plusSeconds(120);
    for (String backend : Services.BACKENDS) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url(backend) + "/api/groups"))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
      while (!acceptsToken(request)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(backend + " still refuses a valid token (401): can it reach Keycloak?");
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean acceptsToken(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 401;
    } catch (HttpTimeoutException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Infrastructure infrastructure() {
    return infrastructure;
  }

  public Services services() {
    return services;
  }

  public TestAccounts accounts() {
    return accounts;
  }

  /** Where the gateway (the web UI and the API entry point) answers. */
  public String gatewayUrl() {
    return services.first(Services.GATEWAY).url();
  }

  /** Where a backend's first instance answers directly. */
  public String url(String service) {
    return services.first(service).url();
  }

  /**
   * A new group, created by a platform administrator through member-service, and its coordinator: a
   * Keycloak account with the password {@link TestAccounts#PASSWORD} that coordinates it.
   */
  public void createGroup(String groupId, String name, String coordinatorEmail, String firstName, String lastName) {
    String admin = accounts.platformAdminToken("platform-admin@system-tests.example");
    String body = """
        {"id": "%s", "name": "%s", "coordinator": {"email": "%s", "firstName": "%s", "lastName": "%s"}}"""
        .formatted(groupId, name, coordinatorEmail, firstName, lastName);
    try {
      HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(url("member-service")
              + "/api/groups")).header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("member-service did not create " + groupId + ": " + created.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    accounts.accessToken(new TestAccounts.Person(coordinatorEmail, firstName, lastName, List.of(groupId), false));
  }

  /**
   * A member added by the group's coordinator through member-service with their own password login (so the
   * coordinator's account keeps its names); answers the member's id.
   */
  public String addMember(String groupId, String coordinatorEmail, String firstName, String lastName, String email) {
    String token = accounts.token(coordinatorEmail, TestAccounts.PASSWORD);
    String body = """
        {"firstName": "%s", "lastName": "%s", "email": "%s"}""".formatted(firstName, lastName, email);
    try {
      HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(url("member-service")
              + "/api/groups/" + groupId + "/members")).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("member-service did not add " + email + ": " + created.body());
      }
      return created.body().replaceFirst("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GreenMail's REST API, to read the mails the system sent. */
  public String mailApiUrl() {
    return infrastructure.environment().get(Endpoints.SMTP_API_URL);
  }

  @Override
  public void close() {
    if (services != null) {
      services.close();
    }
    if (infrastructure != null) {
      infrastructure.close();
    }
  }
}

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

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running system for a test class ({@code @ExtendWith(RosterSystem.class)}): the
 * infrastructure and one instance of every service, started once per test JVM and shared by every
 * class, stopped when the JVM's tests end. Test methods take it as a parameter.
 */
public final class RosterSystem implements BeforeAllCallback, ParameterResolver, AutoCloseable {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RosterSystem.class);

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

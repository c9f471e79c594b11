package coop.roster.stack.junit;

import coop.roster.stack.Endpoints;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps one {@link Infrastructure} for the whole test JVM (stopped when the JVM's tests end) and
 * starts the parts a test class asks for with {@link RosterInfrastructure}. Tests may take the
 * {@link Infrastructure} as a parameter to reach the servers directly.
 */
public final class InfrastructureExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
      InfrastructureExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    Infrastructure infrastructure = shared(context);
    Part[] parts = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RosterInfrastructure.class)
        .map(RosterInfrastructure::value)
        .orElse(Part.values());
    for (Part part : parts) {
      Map<String, String> variables = infrastructure.start(part);
      springProperties(part, variables).forEach(System::setProperty);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Infrastructure.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  private static Infrastructure shared(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(Infrastructure.class, key -> Infrastructure.forTests(), Infrastructure.class);
  }

  /** The variables themselves (read by the services' application.yml) and the Spring properties they feed. */
  static Map<String, String> springProperties(Part part, Map<String, String> variables) {
    Map<String, String> properties = new LinkedHashMap<>(variables);
    switch (part) {
      case KAFKA -> {
        String brokers = variables.get(Endpoints.KAFKA_BOOTSTRAP_SERVERS);
        properties.put("spring.cloud.stream.kafka.binder.brokers", brokers);
        properties.put("spring.kafka.bootstrap-servers", brokers);
      }
      case MONGODB -> properties.put("spring.mongodb.uri", variables.get(Endpoints.MONGODB_URI));
      case SMTP -> {
        properties.put("spring.mail.host", variables.get(Endpoints.SMTP_HOST));
        properties.put("spring.mail.port", variables.get(Endpoints.SMTP_PORT));
      }
      case KEYCLOAK -> properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri",
          variables.get(Endpoints.KEYCLOAK_URL) + "/realms/roster");
    }
    return properties;
  }
}

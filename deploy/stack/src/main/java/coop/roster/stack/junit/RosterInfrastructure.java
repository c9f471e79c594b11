package coop.roster.stack.junit;

import coop.roster.stack.Part;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts the listed parts before the test class (once per test JVM, shared by every class that
 * asks) and publishes where they are as system properties, read by Spring Boot when it builds the
 * test's application context. Declare it before {@code @SpringBootTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface RosterInfrastructure {

  Part[] value() default {Part.KAFKA, Part.MONGODB, Part.SMTP, Part.KEYCLOAK};
}

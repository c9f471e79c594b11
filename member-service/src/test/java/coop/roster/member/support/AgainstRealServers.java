package coop.roster.member.support;

import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * member-service on a random port, against the real Kafka broker, MongoDB-protocol server and Keycloak
 * the launcher starts (shared by every test class of the JVM).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface AgainstRealServers {
}

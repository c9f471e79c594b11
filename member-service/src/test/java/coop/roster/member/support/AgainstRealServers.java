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
 * the launcher starts (shared by every test class of the JVM), with one Spring context for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.KEYCLOAK})
// The outbox relay's schedule shortened, so that what a write could not relay at once is sent again quickly; a
// member may be invited again at once (InvitationLimitsIT tests the interval, on a clock of its own).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"roster.outbox.poll-interval=PT1S", "roster.outbox.lease=PT5S",
        "roster.outbox.scan-interval=PT1S", "roster.invitations.limits.member-min-interval=PT0S"})
public @interface AgainstRealServers {
}

package coop.roster.invitation.testing;

import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationStatus;
import coop.roster.events.Topics;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.testing.LandingPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * invitation-service running on the real infrastructure, one application context for every integration
 * test class (they share the consumer group, as instances of the service do), with short retry pauses so
 * outages stay short, no rate limit, and a public URL where a test application answers: the place members
 * land after setting their password.
 */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.SMTP, Part.KEYCLOAK})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "roster.invitations.retry.initial-delay=200ms",
    "roster.invitations.retry.max-delay=1s",
    "roster.invitations.retry.max-retries=20",
    "roster.invitations.smtp.rate-per-second=0",
    // AccountsIT follows accounts made on arrival; InvitationDeliveryIT invites people without one (made then).
    "roster.invitations.keycloak.accounts-on-member-added=true"})
public abstract class RunningService {

  /** The application members land in; the public URL of the service under test. */
  protected static final LandingPage APPLICATION = new LandingPage();
  private static String webClientId;

  /** Statuses and dead letters as other services see them, collected for each test class. */
  protected static Events events;

  @BeforeAll
  static void listen() {
    events = Events.collecting(Topics.INVITATIONS_STATUS, Topics.deadLetter(Topics.MEMBERS_ROSTER));
  }

  @AfterAll
  static void stopListening() {
    events.close();
  }

  @Autowired
  protected Environment environment;

  @DynamicPropertySource
  static void publicUrlAndLinkClient(DynamicPropertyRegistry registry) {
    registry.add("roster.invitations.public-url", APPLICATION::base);
    registry.add("roster.invitations.link-client-id", RunningService::webClientId);
  }

  /** A public client standing for the web UI: standard flow, redirects only under the application. */
  protected static synchronized String webClientId() {
    if (webClientId == null) {
      String clientId = "roster-web-test-" + UUID.randomUUID();
      ObjectNode client = JsonMapper.builder().build().createObjectNode()
          .put("clientId", clientId)
          .put("publicClient", true)
          .put("standardFlowEnabled", true)
          .put("directAccessGrantsEnabled", false);
      client.putArray("redirectUris").add(APPLICATION.base() + "/*");
      TestAccounts.fromSystemProperties().admin("POST", "/clients", client, 201);
      webClientId = clientId;
    }
    return webClientId;
  }

  /** One invitation request of {@code count} members of a new group, as member-service would publish it. */
  protected static List<InvitationRequested> request(int count, String locale) {
    String requestId = UUID.randomUUID().toString();
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    List<InvitationRequested> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String memberId = UUID.randomUUID().toString();
      requests.add(new InvitationRequested(UUID.randomUUID(), Instant.now(), requestId, group, memberId,
          "membre-" + i + "-" + memberId.substring(0, 8) + "@" + group + ".example", "Zoé", "Château-" + i, locale,
          "AMAP des Lilas", "Élise Dupré", "elise@" + group + ".example"));
    }
    return requests;
  }

  /** Waits until the request has a status for each of its members, and answers them. */
  protected static List<InvitationStatus> awaitStatuses(Events events, String requestId, int count, Duration within) {
    await().atMost(within).pollInterval(Duration.ofMillis(200))
        .until(() -> events.statuses(requestId).stream().map(InvitationStatus::memberId).distinct().count() >= count);
    return events.statuses(requestId);
  }
}

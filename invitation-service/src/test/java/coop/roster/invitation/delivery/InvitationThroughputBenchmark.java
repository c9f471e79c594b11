package coop.roster.invitation.delivery;

import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.InvitationStatus;
import coop.roster.invitation.keycloak.Accounts;
import coop.roster.invitation.keycloak.NewAccount;
import coop.roster.invitation.mail.Invitation;
import coop.roster.invitation.mail.MailTemplates;
import coop.roster.invitation.mail.MimeInvitations;
import coop.roster.invitation.testing.RunningService;
import coop.roster.stack.Endpoints;
import coop.roster.testing.Mailbox;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a test: prints how long 10,000 invitations take from {@code InvitationRequested} until every mail is
 * accepted by GreenMail, next to sending the same mails, rendered beforehand, straight over one SMTP
 * connection (budget: 2×); and accounts created per second on the bulk path against one at a time.
 * {@code -Dbenchmark.invitations=10000 -Dbenchmark.one-by-one=1000}.
 */
class InvitationThroughputBenchmark extends RunningService {

  private static final int INVITATIONS = Integer.getInteger("benchmark.invitations", 10_000);
  private static final int ONE_BY_ONE = Integer.getInteger("benchmark.one-by-one", 1_000);

  @Autowired
  Accounts accounts;
  @Autowired
  MailTemplates templates;
  @Autowired
  MimeInvitations mime;
  @Autowired
  JavaMailSenderImpl mail;

  @Test
  void tenThousandInvitations() throws Exception {
    List<InvitationRequested> request = request(INVITATIONS, "fr");

    // Accounts: the bulk path (a few concurrent POST /users) for the members invited below, then one by one.
    long begin = System.nanoTime();
    accounts.ensure(request.stream().map(r -> new NewAccount(r.email(), r.firstName(), r.lastName())).toList());
    double bulk = seconds(begin);
    List<NewAccount> others = new ArrayList<>();
    for (int i = 0; i < ONE_BY_ONE; i++) {
      others.add(new NewAccount("one-by-one-" + UUID.randomUUID() + "@example.org", "Un", "Parun"));
    }
    begin = System.nanoTime();
    others.forEach(accounts::create);
    double oneByOne = seconds(begin);

    // Straight over SMTP: the same mails, rendered before the clock starts, on one connection.
    List<MimeMessage> prerendered = new ArrayList<>(request.size());
    for (InvitationRequested r : request) {
      Invitation invitation = new Invitation(Locale.FRENCH, r.groupName(), r.inviterName(), r.inviterEmail(),
          r.firstName(), r.lastName(), r.email(), "http://127.0.0.1:8180/realms/roster/login-actions/action-token?key="
          + UUID.randomUUID(), Instant.now().plus(Duration.ofDays(7)));
      prerendered.add(mime.compose(invitation, templates.render(invitation), "<" + UUID.randomUUID() + "@bench>"));
    }
    begin = System.nanoTime();
    try (Transport transport = mail.getSession().getTransport("smtp")) {
      transport.connect(mail.getHost(), mail.getPort(), null, null);
      for (MimeMessage message : prerendered) {
        transport.sendMessage(message, message.getAllRecipients());
      }
    }
    double straight = seconds(begin);
    purgeMailboxes();

    // The service: from the events member-service would publish until every mail is accepted.
    begin = System.nanoTime();
    events.publishAll(request);
    double published = seconds(begin);
    String requestId = request.getFirst().requestId();
    await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> events.statuses(requestId).size() >= INVITATIONS);
    double service = seconds(begin);
    List<InvitationStatus> statuses = events.statuses(requestId);
    long sent = statuses.stream().filter(InvitationSent.class::isInstance).count();

    Mailbox mailbox = Mailbox.fromSystemProperties();
    long sampledOnce = request.stream().limit(100).filter(r -> mailbox.count(r.email()) == 1).count();

    System.out.printf("""

        ==== InvitationThroughputBenchmark (%d invitations, %d one by one) ====
        accounts, bulk path (%d concurrent POST /users): %.1f s, %.0f accounts/s
        accounts, one POST /users at a time:             %.1f s, %.0f accounts/s
        pre-rendered mails straight over one SMTP connection: %.1f s, %.0f mails/s
        invitation-service, InvitationRequested -> every mail accepted: %.1f s, %.0f mails/s (events published in %.1f s)
        ratio service / straight SMTP: %.2f (budget 2.0)
        statuses: %d sent, %d failed; sampled 100 recipients, %d received exactly one mail
        ====%n""", INVITATIONS, ONE_BY_ONE, 4, bulk, INVITATIONS / bulk, oneByOne, ONE_BY_ONE / oneByOne,
        straight, INVITATIONS / straight, service, INVITATIONS / service, published, service / straight,
        sent, statuses.size() - sent, sampledOnce);
    assertThat(sent).isEqualTo(INVITATIONS);
  }

  private static void purgeMailboxes() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
              System.getProperty(Endpoints.SMTP_API_URL) + "/api/mail/purge"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  private static double seconds(long begin) {
    return (System.nanoTime() - begin) / 1e9;
  }
}

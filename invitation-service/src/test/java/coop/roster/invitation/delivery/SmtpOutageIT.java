package coop.roster.invitation.delivery;

import coop.roster.events.InvitationFailed;
import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.InvitationStatus;
import coop.roster.invitation.testing.RunningService;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import coop.roster.testing.Mailbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay goes away while invitations are being delivered: they wait with exponential back-off and all
 * arrive once it is back; past the retry bound they are reported as transient failures.
 */
class SmtpOutageIT extends RunningService {

  private final Mailbox mailbox = Mailbox.fromSystemProperties();


  @Test
  void aHundredInvitationsAllArriveOnceWhenTheRelayStopsDuringTheRequestAndComesBack(Infrastructure infrastructure)
      throws Exception {
    List<InvitationRequested> request = request(100, "fr");
    String requestId = request.getFirst().requestId();
    // GreenMail forgets its mailboxes when it stops: the relay is down before the first mail of the
    // request goes out, so every mail of the request is counted once it is back.
    infrastructure.stop(Part.SMTP);
    try {
      events.publishAll(request);
      Thread.sleep(4000);
      assertThat(events.statuses(requestId)).as("nothing reported while the relay is away").isEmpty();
    } finally {
      infrastructure.start(Part.SMTP);
    }

    List<InvitationStatus> statuses = awaitStatuses(events, requestId, 100, Duration.ofSeconds(120));
    assertThat(statuses).hasSize(100).allSatisfy(status -> assertThat(status).isInstanceOf(InvitationSent.class));
    for (InvitationRequested invitation : request) {
      assertThat(mailbox.count(invitation.email())).as(invitation.email()).isEqualTo(1);
    }
  }

  @Test
  void anInvitationTheRelayNeverTakesIsATransientFailureOnceTheRetriesAreSpent(Infrastructure infrastructure) {
    InvitationRequested invitation = request(1, "fr").getFirst();
    infrastructure.stop(Part.SMTP);
    try {
      events.publish(invitation);
      // 20 retries, from 200 ms doubling to 1 s: about 18 s.
      InvitationStatus status = awaitStatuses(events, invitation.requestId(), 1, Duration.ofSeconds(60)).getFirst();
      assertThat(status).isInstanceOfSatisfying(InvitationFailed.class, failed -> {
        assertThat(failed.failure()).isEqualTo(InvitationFailed.Failure.TRANSIENT);
        assertThat(failed.reason()).startsWith("relay-unavailable");
      });
    } finally {
      infrastructure.start(Part.SMTP);
    }
  }
}

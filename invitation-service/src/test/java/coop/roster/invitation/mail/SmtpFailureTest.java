package coop.roster.invitation.mail;

import coop.roster.events.InvitationFailed.Failure;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailureTest {

  private static final InternetAddress CAMILLE = address("camille@example.org");

  @Test
  void aRecipientRejectedWithA5xxReplyIsPermanent() {
    SMTPAddressFailedException rejected = new SMTPAddressFailedException(CAMILLE, "RCPT TO:<camille@example.org>",
        550, "550 5.1.1 User unknown");
    SendFailedException failed = new SendFailedException("Invalid Addresses", rejected,
        new InternetAddress[0], new InternetAddress[0], new InternetAddress[] {CAMILLE});

    SmtpFailure failure = SmtpFailure.of(failed);

    assertThat(failure.kind()).isEqualTo(Failure.PERMANENT);
    assertThat(failure.reason()).isEqualTo("recipient-rejected: 550 5.1.1 User unknown");
    assertThat(failure.connectionLost()).isFalse();
  }

  @Test
  void aMailboxBusyReplyIsTransientAndKeepsTheConnection() {
    SMTPAddressFailedException busy = new SMTPAddressFailedException(CAMILLE, "RCPT TO:<camille@example.org>",
        450, "450 4.2.1 Mailbox busy");
    SendFailedException failed = new SendFailedException("Invalid Addresses", busy,
        new InternetAddress[0], new InternetAddress[] {CAMILLE}, new InternetAddress[0]);

    SmtpFailure failure = SmtpFailure.of(failed);

    assertThat(failure.kind()).isEqualTo(Failure.TRANSIENT);
    assertThat(failure.connectionLost()).isFalse();
  }

  @Test
  void aRelayClosingTheConnectionWith421IsTransientAndNeedsANewConnection() {
    SMTPSendFailedException closing = new SMTPSendFailedException("DATA", 421, "421 Service shutting down",
        null, null, null, null);

    SmtpFailure failure = SmtpFailure.of(closing);

    assertThat(failure.kind()).isEqualTo(Failure.TRANSIENT);
    assertThat(failure.connectionLost()).isTrue();
  }

  @Test
  void aRelayThatDoesNotAnswerIsTransient() {
    MessagingException refused = new MailConnectException(new SocketConnectException("Connection refused",
        new ConnectException("Connection refused"), "127.0.0.1", 3025, 5000));

    SmtpFailure failure = SmtpFailure.of(refused);

    assertThat(failure.kind()).isEqualTo(Failure.TRANSIENT);
    assertThat(failure.reason()).startsWith("relay-unavailable");
    assertThat(failure.connectionLost()).isTrue();
  }

  private static InternetAddress address(String email) {
    try {
      return new InternetAddress(email);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

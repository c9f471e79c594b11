package coop.roster.invitation.mail;

import coop.roster.events.InvitationFailed.Failure;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.io.IOException;

/**
 * Why the relay did not take a message: a 5xx reply or an address it cannot use is permanent; a 4xx
 * reply or no answer at all is transient. {@code connectionLost} says the connection must be opened again.
 */
public class SmtpFailure extends Exception {

  private final Failure kind;
  private final String reason;
  private final boolean connectionLost;

  public SmtpFailure(Failure kind, String reason, boolean connectionLost, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
    this.reason = reason;
    this.connectionLost = connectionLost;
  }

  public Failure kind() {
    return kind;
  }

  public String reason() {
    return reason;
  }

  public boolean connectionLost() {
    return connectionLost;
  }

  /** What a failure of Jakarta Mail means for this message. */
  static SmtpFailure of(MessagingException e) {
    Integer code = replyCode(e);
    if (code != null && code >= 500) {
      return new SmtpFailure(Failure.PERMANENT, "recipient-rejected: " + reply(e), false, e);
    }
    if (code != null && code >= 400) {
      // 421 means the relay is closing the connection; other 4xx leave it usable.
      return new SmtpFailure(Failure.TRANSIENT, "relay-deferred: " + reply(e), code == 421, e);
    }
    if (e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
        && failed.getInvalidAddresses().length > 0) {
      return new SmtpFailure(Failure.PERMANENT, "invalid-address", false, e);
    }
    return new SmtpFailure(Failure.TRANSIENT, "relay-unavailable: " + rootMessage(e), true, e);
  }

  private static Integer replyCode(MessagingException e) {
    for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException() : null) {
      if (cause instanceof SMTPAddressFailedException address) {
        return address.getReturnCode();
      }
      if (cause instanceof SMTPSendFailedException send) {
        return send.getReturnCode();
      }
      if (cause instanceof IOException) {
        return null;
      }
    }
    return null;
  }

  private static String reply(MessagingException e) {
    for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException() : null) {
      if (cause instanceof SMTPAddressFailedException || cause instanceof SMTPSendFailedException) {
        return cause.getMessage().strip();
      }
    }
    return e.getMessage();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
  }
}

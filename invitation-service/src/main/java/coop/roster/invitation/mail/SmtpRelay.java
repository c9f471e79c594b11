package coop.roster.invitation.mail;

import coop.roster.events.InvitationFailed.Failure;
import coop.roster.invitation.InvitationSettings;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The SMTP relay, as Spring Boot's {@code spring.mail.*} describes it. A {@link Connection} keeps one
 * SMTP connection open for many messages (opened again only when lost); every instance shares one rate
 * limit for the relay. Times each message handed over ({@code roster.smtp.send}).
 */
@Component
public class SmtpRelay {

  private final JavaMailSenderImpl mail;
  private final RateLimiter rateLimit;
  private final Timer accepted;
  private final Timer rejected;
  private final Timer failed;

  SmtpRelay(JavaMailSenderImpl mail, InvitationSettings settings, MeterRegistry meters) {
    this.mail = mail;
    this.rateLimit = rateLimit(settings.smtp().ratePerSecond());
    Timer.Builder timer = Timer.builder("roster.smtp.send").description("Time to hand one message to the SMTP relay");
    this.accepted = timer.tag("outcome", "accepted").register(meters);
    this.rejected = timer.tag("outcome", "rejected").register(meters);
    this.failed = timer.tag("outcome", "failed").register(meters);
  }

  /** Permits spread over a second in tenths, so a limit of 50/s sends 5 every 100 ms rather than bursts of 50. */
  private static RateLimiter rateLimit(int perSecond) {
    if (perSecond <= 0) {
      return null;
    }
    boolean tenths = perSecond >= 10;
    return RateLimiter.of("smtp-relay", RateLimiterConfig.custom()
        .limitForPeriod(tenths ? perSecond / 10 : perSecond)
        .limitRefreshPeriod(tenths ? Duration.ofMillis(100) : Duration.ofSeconds(1))
        .timeoutDuration(Duration.ofMinutes(5))
        .build());
  }

  /** A connection to the relay, opened at the first message; close it when the batch is sent. */
  public Connection connect() {
    return new Connection();
  }

  /** One SMTP connection, reused message after message; not for sharing between threads. */
  public final class Connection implements AutoCloseable {

    private Transport transport;

    private Connection() {
    }

    /**
     * Hands the message to the relay; returning means the relay accepted it (250).
     *
     * @throws SmtpFailure when it did not, saying whether that may change later
     */
    public void send(MimeMessage message) throws SmtpFailure {
      if (rateLimit != null) {
        RateLimiter.waitForPermission(rateLimit);
      }
      long start = System.nanoTime();
      try {
        open().sendMessage(message, message.getAllRecipients());
        accepted.record(Duration.ofNanos(System.nanoTime() - start));
      } catch (MessagingException e) {
        SmtpFailure failure = SmtpFailure.of(e);
        (failure.kind() == Failure.PERMANENT ? rejected : failed)
            .record(Duration.ofNanos(System.nanoTime() - start));
        // After a failure only: is the connection still usable (Jakarta Mail asks the relay with a NOOP)?
        if (failure.connectionLost() || transport == null || !transport.isConnected()) {
          close();
        }
        throw failure;
      } catch (IllegalStateException notConnected) {
        // Jakarta Mail closed the connection itself (a reply it could not go on after): open a new one next time.
        failed.record(Duration.ofNanos(System.nanoTime() - start));
        close();
        throw new SmtpFailure(Failure.TRANSIENT,
            "relay-unavailable: " + notConnected.getMessage(), true, notConnected);
      }
    }

    /**
     * The connection, opened at the first message or after a failure closed it. Not checked before each message:
     * Jakarta Mail's {@code isConnected()} is a NOOP round trip, which cost as much as the message itself on a
     * fast relay; a connection lost meanwhile fails the next message, which is sent again on a new connection.
     */
    private Transport open() throws MessagingException {
      if (transport == null) {
        transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
        transport.connect(mail.getHost(), mail.getPort(), blankToNull(mail.getUsername()),
            blankToNull(mail.getPassword()));
      }
      return transport;
    }

    @Override
    public void close() {
      if (transport != null) {
        try {
          transport.close();
        } catch (MessagingException ignored) {
          // the connection is gone either way
        }
        transport = null;
      }
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}

package coop.roster.invitation.mail;

import coop.roster.invitation.InvitationSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/**
 * Composes the MIME message of an invitation: multipart/alternative (plain text, then HTML), UTF-8
 * throughout (RFC 2047 in headers), From the configured address with the group's name, Reply-To the
 * inviting coordinator, {@code Auto-Submitted: auto-generated}, Date, and a Message-ID of our own.
 */
@Component
public class MimeInvitations {

  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  static {
    // Jakarta Mail finds its StreamProvider again for every encoded header word and body part, by a ServiceLoader
    // scan of the class path unless this property names it: a fifth of the service's CPU while sending (profiled).
    if (System.getProperty(StreamProvider.class.getName()) == null) {
      System.setProperty(StreamProvider.class.getName(), "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final Session session;
  private final InvitationSettings settings;
  private final Clock clock;

  MimeInvitations(JavaMailSenderImpl mail, InvitationSettings settings, Clock clock) {
    this.session = mail.getSession();
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The recipient's address, checked as strictly as Jakarta Mail can (syntax, one address, no group).
   *
   * @throws AddressException when no relay could deliver to it
   */
  public static InternetAddress recipient(String email) throws AddressException {
    if (email == null || email.isBlank()) {
      throw new AddressException("no e-mail address");
    }
    InternetAddress address = new InternetAddress(email.strip(), true);
    address.validate();
    if (address.isGroup() || !address.getAddress().contains("@")) {
      throw new AddressException("not a mailbox", email);
    }
    return address;
  }

  /**
   * The message; {@code messageId} is the whole header value, so a message sent again carries the same id
   * and mail clients show it once.
   */
  public MimeMessage compose(Invitation invitation, RenderedMail mail, String messageId) throws MessagingException {
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    try {
      message.setFrom(new InternetAddress(settings.mailFrom(), invitation.groupName(), UTF_8));
      InternetAddress to = recipient(invitation.email());
      to.setPersonal(invitation.fullName(), UTF_8);
      message.setRecipient(MimeMessage.RecipientType.TO, to);
      replyTo(invitation).ifPresent(replyTo -> {
        try {
          message.setReplyTo(new InternetAddress[] {replyTo});
        } catch (MessagingException e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
    message.setSubject(mail.subject(), UTF_8);
    message.setSentDate(Date.from(clock.instant()));
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("Content-Language", invitation.locale().getLanguage());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), UTF_8, "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), UTF_8, "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }

  /** The inviting coordinator, where replies go; a coordinator's unusable address only loses the Reply-To. */
  private static java.util.Optional<InternetAddress> replyTo(Invitation invitation)
      throws UnsupportedEncodingException {
    if (invitation.inviterEmail() == null || invitation.inviterEmail().isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      InternetAddress replyTo = new InternetAddress(invitation.inviterEmail().strip(), true);
      replyTo.setPersonal(invitation.inviterName(), UTF_8);
      return java.util.Optional.of(replyTo);
    } catch (AddressException e) {
      return java.util.Optional.empty();
    }
  }

  /** A Message-ID for this invitation: stable for the (request, member), on the sender's domain. */
  public String messageId(String requestId, String memberId) {
    String domain = settings.mailFrom().substring(settings.mailFrom().lastIndexOf('@') + 1);
    return "<invitation." + java.util.UUID.nameUUIDFromBytes((requestId + "/" + memberId)
        .getBytes(StandardCharsets.UTF_8)) + "@" + domain + ">";
  }
}

package coop.roster.invitation.mail;

import coop.roster.invitation.InvitationSettings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders the invitation with Thymeleaf: {@code templates/mail/invitation.html} and {@code .txt}, words
 * from the {@code mail/messages} bundles in the invitation's language; a member who has a password already
 * is invited to log in ("Connexion", "Mot de passe oublié ?") instead of being sent a set-password link. A template engine of its own, so
 * mail templates never mix with web views.
 */
@Component
public class MailTemplates {

  private final SpringTemplateEngine engine = new SpringTemplateEngine();
  private final MessageSource messages;
  private final InvitationSettings settings;

  MailTemplates(MessageSource messages, InvitationSettings settings) {
    this.messages = messages;
    this.settings = settings;
    engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    engine.setTemplateEngineMessageSource(messages);
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(java.util.Set.of(pattern));
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCacheable(true);
    resolver.setOrder(order);
    return resolver;
  }

  public RenderedMail render(Invitation invitation) {
    Locale locale = invitation.locale();
    String inviter = Objects.requireNonNullElse(blankToNull(invitation.inviterName()), invitation.groupName());
    Context context = new Context(locale);
    context.setVariable("lang", locale.getLanguage());
    context.setVariable("groupName", invitation.groupName());
    context.setVariable("inviterName", inviter);
    context.setVariable("inviterEmail", blankToNull(invitation.inviterEmail()));
    context.setVariable("firstName", blankToNull(invitation.firstName()));
    context.setVariable("email", invitation.email());
    context.setVariable("link", invitation.link());
    context.setVariable("toLogIn", invitation.toLogIn());
    context.setVariable("expiresAt", invitation.toLogIn() ? null : dateTime(invitation, locale));
    context.setVariable("logIn", settings.publicBase() + "/");
    context.setVariable("howToLogIn", howToLogIn());
    context.setVariable("noteLines", invitation.noteLines());
    context.setVariable("reminderOf", invitation.reminderOf() == null ? null : date(invitation.reminderOf(), locale));
    String subject = messages.getMessage(invitation.reminderOf() == null ? "mail.subject" : "mail.reminder.subject",
        new Object[] {inviter, invitation.groupName()}, locale);
    context.setVariable("subject", subject);
    return new RenderedMail(subject, engine.process("invitation.html", context),
        engine.process("invitation.txt", context));
  }

  /** The public page "Comment se connecter" (how to log in), linked from every invitation. */
  public String howToLogIn() {
    return settings.publicBase() + "/comment-se-connecter";
  }

  private String dateTime(Invitation invitation, Locale locale) {
    ZonedDateTime at = invitation.expiresAt().atZone(settings.timeZone());
    return messages.getMessage("mail.dateTime", new Object[] {
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(at),
        DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(at)}, locale);
  }

  private String date(java.time.Instant instant, Locale locale) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
        .format(instant.atZone(settings.timeZone()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

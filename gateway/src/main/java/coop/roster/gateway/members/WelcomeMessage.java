package coop.roster.gateway.members;

import coop.roster.gateway.GatewaySettings;
import coop.roster.gateway.roster.Group;
import coop.roster.gateway.roster.Member;
import org.springframework.context.MessageSource;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The manual invitation (seed, "2/ Invitation manuelle"): a welcome message a coordinator copies into
 * their own mail, with the link to the public "Comment se connecter" page, in the page's language.
 */
final class WelcomeMessage {

  private final MessageSource messages;
  private final GatewaySettings settings;

  WelcomeMessage(MessageSource messages, GatewaySettings settings) {
    this.messages = messages;
    this.settings = settings;
  }

  String forMember(Member member, Group group, Locale locale) {
    String firstName = member.person() == null || member.person().firstName() == null ? ""
        : member.person().firstName();
    return messages.getMessage("welcome.body",
        new Object[] {firstName, group.name(), member.email(), howToLogIn(locale)}, locale);
  }

  /** A {@code mailto:} link with the message already written, for a coordinator's own mail program. */
  String mailto(Member member, Group group, Locale locale) {
    String subject = messages.getMessage("welcome.subject", new Object[] {group.name()}, locale);
    return "mailto:" + UriUtils.encode(member.email() == null ? "" : member.email(), StandardCharsets.UTF_8)
        + "?subject=" + UriUtils.encode(subject, StandardCharsets.UTF_8)
        + "&body=" + UriUtils.encode(forMember(member, group, locale), StandardCharsets.UTF_8);
  }

  String howToLogIn(Locale locale) {
    return settings.publicBase() + ("en".equals(locale.getLanguage()) ? "/how-to-log-in" : "/comment-se-connecter");
  }
}

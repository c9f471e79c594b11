package coop.roster.gateway.members;

import coop.roster.gateway.TestSettings;
import coop.roster.gateway.roster.Group;
import coop.roster.gateway.roster.Member;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The manual invitation's message, from the gateway's own bundles. */
class WelcomeMessageTest {

  private final WelcomeMessage welcome = new WelcomeMessage(messages(), TestSettings.settings());
  private final Group group = new Group("amap-des-lilas", "AMAP des Lilas", List.of());
  private final Member camille = new Member("m1", "amap-des-lilas",
      new Member.Person("Camille", "Martin", "camille@example.org", null), null, null, "MANUAL", null, null, null,
      null);

  @Test
  void greetsTheMemberAndLinksToTheFrenchHowToLogInPage() {
    String message = welcome.forMember(camille, group, Locale.FRENCH);
    assertThat(message).startsWith("Bonjour Camille,")
        .contains("Bienvenue à AMAP des Lilas", "camille@example.org",
            "https://roster.example.org/comment-se-connecter");
  }

  @Test
  void linksEnglishReadersToTheEnglishPage() {
    assertThat(welcome.forMember(camille, group, Locale.ENGLISH)).startsWith("Hello Camille,")
        .contains("Welcome to AMAP des Lilas", "https://roster.example.org/how-to-log-in")
        .contains("our group's software");
  }

  @Test
  void writesAMailtoLinkWithTheMessageAlreadyInIt() {
    String mailto = welcome.mailto(camille, group, Locale.FRENCH);
    assertThat(mailto).startsWith("mailto:camille%40example.org?subject=");
    assertThat(URLDecoder.decode(mailto.substring(mailto.indexOf("&body=") + 6), StandardCharsets.UTF_8))
        .isEqualTo(welcome.forMember(camille, group, Locale.FRENCH));
  }

  static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    messages.setAlwaysUseMessageFormat(true);
    return messages;
  }

}

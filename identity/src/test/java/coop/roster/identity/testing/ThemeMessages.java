package coop.roster.identity.testing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The words of Roster's login theme, as Keycloak shows them, so tests assert the theme's own text. */
public final class ThemeMessages {

  private ThemeMessages() {
  }

  /** The message {@code key} of the login theme in {@code language}, formatted as Keycloak does. */
  public static String login(String language, String key, Object... arguments) {
    Properties messages = new Properties();
    String resource = "theme/roster/login/messages/messages_" + language + ".properties";
    try (var in = ThemeMessages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String pattern = messages.getProperty(key);
    if (pattern == null) {
      throw new IllegalStateException(key + " is not in " + resource);
    }
    return new MessageFormat(pattern, Locale.forLanguageTag(language)).format(arguments);
  }
}

package coop.roster.gateway.help;

import coop.roster.gateway.GatewaySettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Locale;

/** The public pages. */
@Controller
class HelpController {

  private final GatewaySettings settings;
  private final LocaleResolver locales;
  private final DataSize maxRequestSize;

  HelpController(GatewaySettings settings, LocaleResolver locales,
      @Value("${spring.servlet.multipart.max-request-size}") DataSize maxRequestSize) {
    this.settings = settings;
    this.locales = locales;
    this.maxRequestSize = maxRequestSize;
  }

  /** "Comment se connecter à Roster", in the reader's language (French unless they chose English). */
  @GetMapping("/comment-se-connecter")
  String howToLogIn(Model model) {
    model.addAttribute("publicUrl", settings.publicBase());
    return "help/how-to-log-in";
  }

  /** The same page for English readers: the link an English welcome message carries. */
  @GetMapping("/how-to-log-in")
  String howToLogInInEnglish(HttpServletRequest request, HttpServletResponse response, Model model) {
    locales.setLocale(request, response, Locale.ENGLISH);
    return "forward:/comment-se-connecter?lang=en";
  }

  /** Where Keycloak sends the browser back after logging out. */
  @GetMapping({"/deconnecte", "/logged-out"})
  String loggedOut() {
    return "help/logged-out";
  }

  /**
   * A form posted without its CSRF token (or with one of a session that ended): refused, with a page
   * that says what to do. A file too large for the import loses its token too (the request is not read
   * at all), so that case gets its own sentence.
   */
  @RequestMapping("/page-expiree")
  String pageExpired(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(HttpStatus.FORBIDDEN.value());
    String type = request.getContentType();
    if (type != null && type.startsWith("multipart/") && request.getContentLengthLong() > maxRequestSize.toBytes()) {
      response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
      model.addAttribute("tooLarge", true);
      model.addAttribute("maxMegabytes", maxRequestSize.toMegabytes());
    }
    return "help/page-expired";
  }
}

package coop.roster.web;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

/**
 * The words of the edge's own answers (401, 403, invalid input): the service's bundles first, so that a service
 * can say them its way, then the edge's FR/EN defaults ({@code coop/roster/web/messages}).
 */
final class EdgeMessages {

  private final MessageSource service;
  private final ResourceBundleMessageSource defaults = new ResourceBundleMessageSource();

  EdgeMessages(MessageSource service) {
    this.service = service;
    defaults.setBasename("coop/roster/web/messages");
    defaults.setDefaultEncoding("UTF-8");
    defaults.setFallbackToSystemLocale(false);
  }

  String get(String code, Locale locale) {
    String own = service.getMessage(code, null, null, locale);
    return own != null ? own : defaults.getMessage(code, null, locale);
  }
}

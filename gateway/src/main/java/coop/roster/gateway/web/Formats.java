package coop.roster.gateway.web;

import coop.roster.gateway.GatewaySettings;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/**
 * Dates and numbers as the reader writes them ({@code ${@formats.date(member.createdAt)}} in a
 * template): "12 mars 2026" or "Mar 12, 2026", "1 234" or "1,234", in the configured time zone.
 */
@Component("formats")
public class Formats {

  private final GatewaySettings settings;

  Formats(GatewaySettings settings) {
    this.settings = settings;
  }

  public String date(Instant instant) {
    return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
        .withLocale(LocaleContextHolder.getLocale()).withZone(settings.timeZone()).format(instant);
  }

  public String dateTime(Instant instant) {
    return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(LocaleContextHolder.getLocale()).withZone(settings.timeZone()).format(instant);
  }

  /** The machine-readable form, for {@code <time datetime="...">}. */
  public String iso(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  public String number(long number) {
    return NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale()).format(number);
  }

  /** Whole percent of {@code part} in {@code whole}; 100 when there is nothing to do. */
  public static int percent(long part, long whole) {
    return whole <= 0 ? 100 : (int) Math.min(100, part * 100 / whole);
  }

  public String percentText(long part, long whole) {
    NumberFormat format = NumberFormat.getPercentInstance(LocaleContextHolder.getLocale());
    return format.format(percent(part, whole) / 100.0);
  }
}

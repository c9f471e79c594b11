package coop.roster.member.group;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A local food group.
 *
 * @param id            short stable id, also its slug in addresses ({@code amap-des-lilas})
 * @param coordinators  normalised e-mails of its coordinators
 * @param locale        the language of mails to members whose own is unknown
 * @param reminders     its automatic reminders, {@code null} on groups written before they existed: off
 */
@Document("groups")
public record Group(
    @Id String id,
    String name,
    String slug,
    List<String> coordinators,
    String locale,
    Instant createdAt,
    Reminders reminders) {

  public static final String DEFAULT_LOCALE = "fr";

  /** Its automatic reminders, as set or else the defaults (off, 7 days, 2 times). */
  public Reminders remindersOrDefault() {
    return reminders == null ? Reminders.DEFAULT : reminders;
  }
}

package coop.roster.gateway.roster;

import java.util.List;

/**
 * A group the coordinator sees.
 *
 * @param language  the language of mails to members without one of their own ({@code fr}, {@code en})
 * @param reminders its automatic reminders ({@code null} from a member-service without them: off)
 */
public record Group(String id, String name, List<String> coordinators, String language, Reminders reminders) {

  /** A group whose automatic reminders are off. */
  public Group(String id, String name, List<String> coordinators, String language) {
    this(id, name, coordinators, language, null);
  }

  /**
   * Automatic reminders of members invited and not activated.
   *
   * @param afterDays days after the last invitation sent
   * @param atMost    reminders per member at most
   */
  public record Reminders(boolean enabled, int afterDays, int atMost) {

    public static final Reminders DEFAULT = new Reminders(false, 7, 2);
  }

  /** Its automatic reminders, as set or else the defaults (off, 7 days, 2 times). */
  public Reminders remindersOrDefault() {
    return reminders == null ? Reminders.DEFAULT : reminders;
  }

  /** A group as member-service described it before groups had a language: French. */
  public Group(String id, String name, List<String> coordinators) {
    this(id, name, coordinators, "fr");
  }
}

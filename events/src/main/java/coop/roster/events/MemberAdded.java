package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A member joined a group's roster, whatever the path.
 *
 * @param importId the import that added them, or {@code null} for a manual creation
 * @param language their preferred language ({@code fr}, {@code en}), or {@code null}: the group's (optional)
 */
public record MemberAdded(
    UUID eventId,
    Instant occurredAt,
    String memberId,
    String groupId,
    Person person,
    Person partner,
    Address address,
    MemberSource source,
    String importId,
    String language) implements RosterChange {

  /** A member without a language of their own. */
  public MemberAdded(UUID eventId, Instant occurredAt, String memberId, String groupId, Person person,
      Person partner, Address address, MemberSource source, String importId) {
    this(eventId, occurredAt, memberId, groupId, person, partner, address, source, importId, null);
  }
}

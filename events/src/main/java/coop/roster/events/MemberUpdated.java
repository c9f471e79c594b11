package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A member's details changed; the record carries them whole, as they now are.
 *
 * @param language their preferred language ({@code fr}, {@code en}), or {@code null}: the group's (optional)
 */
public record MemberUpdated(
    UUID eventId,
    Instant occurredAt,
    String memberId,
    String groupId,
    Person person,
    Person partner,
    Address address,
    String language) implements RosterChange {

  /** A member without a language of their own. */
  public MemberUpdated(UUID eventId, Instant occurredAt, String memberId, String groupId, Person person,
      Person partner, Address address) {
    this(eventId, occurredAt, memberId, groupId, person, partner, address, null);
  }
}

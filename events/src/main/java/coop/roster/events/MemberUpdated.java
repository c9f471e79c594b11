package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/** A member's details changed; the record carries them whole, as they now are. */
public record MemberUpdated(
    UUID eventId,
    Instant occurredAt,
    String memberId,
    String groupId,
    Person person,
    Person partner,
    Address address) implements RosterChange {
}

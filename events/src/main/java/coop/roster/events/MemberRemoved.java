package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/** A member left a group's roster. */
public record MemberRemoved(
    UUID eventId,
    Instant occurredAt,
    String memberId,
    String groupId,
    String email) implements RosterChange {
}

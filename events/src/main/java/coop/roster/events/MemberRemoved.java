package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A member left a group's roster, and their personal data is erased wherever it was kept: consumers erase what they
 * hold under {@code memberId}.
 *
 * @param email {@code null} since erasure (the event carries no personal data); events written before may have it
 */
public record MemberRemoved(
    UUID eventId,
    Instant occurredAt,
    String memberId,
    String groupId,
    String email) implements RosterChange {
}

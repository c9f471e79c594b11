package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A member joined a group's roster, whatever the path.
 *
 * @param importId the import that added them, or {@code null} for a manual creation
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
    String importId) implements RosterChange {
}

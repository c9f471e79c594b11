package coop.roster.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A platform administrator created a group and named its first coordinator. */
public record GroupCreated(
    UUID eventId,
    Instant occurredAt,
    String groupId,
    String name,
    String slug,
    List<String> coordinatorEmails) implements GroupEvent {
}

package coop.roster.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The group's coordinators changed; the list is the whole new set. */
public record GroupCoordinatorsChanged(
    UUID eventId,
    Instant occurredAt,
    String groupId,
    String name,
    List<String> coordinatorEmails) implements GroupEvent {
}

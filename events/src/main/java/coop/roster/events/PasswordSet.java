package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/** A person set or changed their password; {@code occurredAt} is when. */
public record PasswordSet(UUID eventId, Instant occurredAt, String userId, String email)
    implements IdentityEvent {
}

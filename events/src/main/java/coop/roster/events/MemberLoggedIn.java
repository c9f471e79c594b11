package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/** A person logged in; {@code occurredAt} is the time of the login. */
public record MemberLoggedIn(UUID eventId, Instant occurredAt, String userId, String email)
    implements IdentityEvent {
}

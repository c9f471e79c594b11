package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The invitation was accepted by the SMTP relay.
 *
 * @param linkExpiresAt until when the set-password link works
 */
public record InvitationSent(
    UUID eventId,
    Instant occurredAt,
    String requestId,
    String groupId,
    String memberId,
    String email,
    Instant linkExpiresAt) implements InvitationStatus {
}

package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The invitation could not be delivered.
 *
 * @param failure whether trying again later may help
 * @param reason  a short explanation a coordinator can act on
 */
public record InvitationFailed(
    UUID eventId,
    Instant occurredAt,
    String requestId,
    String groupId,
    String memberId,
    String email,
    Failure failure,
    String reason) implements InvitationStatus {

  /** Transient failures were retried until a bound; permanent ones will not succeed as they are. */
  public enum Failure {
    TRANSIENT, PERMANENT
  }
}

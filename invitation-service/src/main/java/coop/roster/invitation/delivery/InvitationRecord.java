package coop.roster.invitation.delivery;

import coop.roster.events.InvitationFailed;
import coop.roster.events.InvitationSent;
import coop.roster.events.InvitationStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.UUID;

/**
 * What became of one (request, member): written once the relay accepted the mail or it failed for good,
 * so a redelivered request is recognised and answered with the same status event (same event id).
 */
@Document("invitations")
record InvitationRecord(
    @Id String id,
    String requestId,
    String groupId,
    String memberId,
    String email,
    State state,
    InvitationFailed.Failure failure,
    String reason,
    String messageId,
    Instant linkExpiresAt,
    String statusEventId,
    Instant at) {

  enum State {
    SENT, FAILED
  }

  static String id(String requestId, String memberId) {
    return requestId + "/" + memberId;
  }

  /** The status event, the same each time it is asked for. */
  InvitationStatus status() {
    return state == State.SENT
        ? new InvitationSent(UUID.fromString(statusEventId), at, requestId, groupId, memberId, email, linkExpiresAt)
        : new InvitationFailed(UUID.fromString(statusEventId), at, requestId, groupId, memberId, email, failure, reason);
  }
}

package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A coordinator asked Roster to invite one member; all members of one press of the button share
 * a {@code requestId}.
 *
 * @param locale       the language of the e-mail, as a BCP 47 tag ({@code fr}, {@code en})
 * @param inviterName  the coordinator who pressed the button, as the mail names them
 * @param inviterEmail where replies go
 * @param note         optional: the coordinator's personal message, as typed (plain text, at most 1,000
 *                     characters); absent in events written before it existed
 * @param reminderOf   optional: set when this is a reminder ("Relancer"), the time of the invitation it recalls;
 *                     absent for a first invitation
 */
public record InvitationRequested(
    UUID eventId,
    Instant occurredAt,
    String requestId,
    String groupId,
    String memberId,
    String email,
    String firstName,
    String lastName,
    String locale,
    String groupName,
    String inviterName,
    String inviterEmail,
    String note,
    Instant reminderOf) implements RosterEvent {

  /** An invitation without note, not a reminder (the event as it was before both existed). */
  public InvitationRequested(UUID eventId, Instant occurredAt, String requestId, String groupId, String memberId,
      String email, String firstName, String lastName, String locale, String groupName, String inviterName,
      String inviterEmail) {
    this(eventId, occurredAt, requestId, groupId, memberId, email, firstName, lastName, locale, groupName,
        inviterName, inviterEmail, null, null);
  }

  @Override
  public String topic() {
    return Topics.INVITATIONS_REQUESTED;
  }

  @Override
  public String key() {
    return memberId;
  }
}

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
    String inviterEmail) implements RosterEvent {

  @Override
  public String topic() {
    return Topics.INVITATIONS_REQUESTED;
  }

  @Override
  public String key() {
    return memberId;
  }
}

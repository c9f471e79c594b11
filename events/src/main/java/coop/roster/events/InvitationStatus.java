package coop.roster.events;

/** What became of one invitation, published on {@link Topics#INVITATIONS_STATUS}. */
public sealed interface InvitationStatus extends RosterEvent permits InvitationSent, InvitationFailed {

  String requestId();

  String groupId();

  String memberId();

  String email();

  @Override
  default String topic() {
    return Topics.INVITATIONS_STATUS;
  }

  @Override
  default String key() {
    return memberId();
  }
}

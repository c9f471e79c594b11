package coop.roster.events;

/** A change to a group's member list, published on {@link Topics#MEMBERS_ROSTER}. */
public sealed interface RosterChange extends RosterEvent permits MemberAdded, MemberUpdated, MemberRemoved {

  String memberId();

  String groupId();

  @Override
  default String topic() {
    return Topics.MEMBERS_ROSTER;
  }

  @Override
  default String key() {
    return memberId();
  }
}

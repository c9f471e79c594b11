package coop.roster.events;

import java.util.List;

/**
 * A group's identity or its coordinators, published on {@link Topics#GROUPS}. Each event carries
 * the whole list of coordinators, so the latest one alone tells the current state.
 */
public sealed interface GroupEvent extends RosterEvent permits GroupCreated, GroupCoordinatorsChanged {

  String groupId();

  String name();

  /** Normalised e-mails of every coordinator of the group. */
  List<String> coordinatorEmails();

  @Override
  default String topic() {
    return Topics.GROUPS;
  }

  @Override
  default String key() {
    return groupId();
  }
}

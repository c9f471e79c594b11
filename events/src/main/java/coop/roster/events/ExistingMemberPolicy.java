package coop.roster.events;

/** What an import does with a row whose e-mail is already a member of the group. */
public enum ExistingMemberPolicy {
  /** Leave the member as they are. */
  SKIP,
  /** Replace their details with the row's. */
  UPDATE
}

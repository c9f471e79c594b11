package coop.roster.events;

/** How a member entered the roster. */
public enum MemberSource {
  MANUAL, IMPORT
}

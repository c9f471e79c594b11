package coop.roster.imports.checking;

/** What a problem does to its row. */
public enum Severity {
  /** The row is left out of the import. */
  ERROR,
  /** The row is imported as typed; the coordinator may want to look at it. */
  WARNING,
  /** Nothing wrong: something the coordinator should know, such as a person already a member. */
  NOTICE
}

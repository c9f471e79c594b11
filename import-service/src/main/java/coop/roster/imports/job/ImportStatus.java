package coop.roster.imports.job;

/** Where an import stands. */
public enum ImportStatus {
  /** The columns could not all be recognised: the coordinator maps them by hand. */
  NEEDS_MAPPING,
  /** Previewed, waiting for the coordinator's confirmation. */
  READY,
  /** Confirmed; its rows are being published. */
  PUBLISHING,
  /** Every valid row was published; waiting for member-service's outcomes. */
  PUBLISHED,
  /**
   * Some published rows got no outcome within the bound counted from the last progress: the report lists
   * them as not confirmed, the file is kept, and the coordinator may publish them again.
   */
  INCOMPLETE,
  /** Every published row has its outcome; the report is final. */
  COMPLETED,
  /** Never confirmed, and given up after a while: its file is deleted. */
  ABANDONED
}

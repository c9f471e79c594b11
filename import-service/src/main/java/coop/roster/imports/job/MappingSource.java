package coop.roster.imports.job;

/** Where an import's column mapping comes from. */
public enum MappingSource {
  /** Recognised from the file's headers. */
  HEADERS,
  /** The mapping the coordinator made for the group's previous file of the same shape. */
  REMEMBERED,
  /** Made by the coordinator for this file. */
  COORDINATOR
}

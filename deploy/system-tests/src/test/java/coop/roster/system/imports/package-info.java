/**
 * The import flow across services: a coordinator's spreadsheet through import-service's API, its rows
 * through member-service's real consumer, into the roster that member-service's API shows.
 */
package coop.roster.system.imports;

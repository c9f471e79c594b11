/**
 * The little import-service keeps of each group's roster, from member-service's
 * {@code members.roster.v1} events: its members' e-mails, to flag "already members" in a preview.
 */
package coop.roster.imports.roster;

/**
 * "Coordinateurs": who coordinates a group, adding one from its members and removing one (never the last),
 * through member-service's group API.
 */
package coop.roster.gateway.coordinators;

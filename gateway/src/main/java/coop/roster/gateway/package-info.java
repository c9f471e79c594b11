/**
 * Roster's gateway: the coordinators' web UI (server-rendered pages) and the single entry point that
 * logs people in with Keycloak and routes {@code /api/**} to the services with the user's token.
 */
package coop.roster.gateway;

/**
 * Calling the services on the user's behalf: one HTTP client per service, balanced over its instances,
 * carrying the user's access token and language, and every answer that is not a success turned into
 * something a page can say in a sentence ({@link coop.roster.gateway.backend.BackendProblem}).
 */
package coop.roster.gateway.backend;

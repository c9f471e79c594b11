/**
 * The security suite: what an attacker observes when calling the whole system, one class per concern
 * (tokens, another group's data, a coordinator removed, script and formula payloads, invitation links).
 * Routes come from the services' own OpenAPI documents, so a new route is covered without a new test.
 */
package coop.roster.system.security;

/** Real people in the realm {@code roster} for integration tests, and their real access tokens. */
package coop.roster.stack.keycloak;

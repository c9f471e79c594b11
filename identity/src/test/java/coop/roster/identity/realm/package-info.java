/** Tests of the realm {@code roster} as the launcher imports it from {@code src/main/keycloak}. */
package coop.roster.identity.realm;

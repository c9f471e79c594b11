/** How accounts for a whole roster are best created in Keycloak: measured, not guessed. */
package coop.roster.identity.accounts;

/**
 * Password rules Keycloak does not have: a password that is one character repeated is refused. The
 * list of common passwords for Keycloak's own {@code passwordBlacklist} policy ships in this jar too.
 */
package coop.roster.identity.passwords;

/**
 * Logins and passwords reported by Keycloak's event listener, recorded on every member with that
 * e-mail, so that they leave "Ne s'est jamais connecté".
 */
package coop.roster.member.account;

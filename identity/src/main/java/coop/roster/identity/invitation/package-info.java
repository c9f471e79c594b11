/**
 * Invitation links: a realm endpoint that mints, for a batch of e-mails, links to Keycloak's
 * set-password page after which the member lands in the application, logged in.
 */
package coop.roster.identity.invitation;

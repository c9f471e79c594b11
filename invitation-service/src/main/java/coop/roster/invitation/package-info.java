/**
 * invitation-service: Keycloak accounts for members, invitation e-mails rendered with Thymeleaf, their
 * delivery over SMTP with retries and a rate limit, and the status events member-service shows.
 */
package coop.roster.invitation;

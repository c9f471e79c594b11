/**
 * Delivery of invitations: each (request, member) remembered in MongoDB so it is mailed once, links minted
 * and mails sent per batch, transient failures retried with back-off, and a status event for each.
 */
package coop.roster.invitation.delivery;

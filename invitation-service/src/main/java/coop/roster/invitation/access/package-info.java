/**
 * A member's right of access: what invitation-service holds about one member (invitations, account), for
 * "Télécharger ses données".
 */
package coop.roster.invitation.access;

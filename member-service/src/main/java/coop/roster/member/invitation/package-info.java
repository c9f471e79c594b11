/**
 * "Envoyer des invitations": a press of the button becomes one {@code InvitationRequested} per member,
 * never twice for a member still in flight; what invitation-service reports back becomes each
 * member's invitation status and the request's progress.
 */
package coop.roster.member.invitation;

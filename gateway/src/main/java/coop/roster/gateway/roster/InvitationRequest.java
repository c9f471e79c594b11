package coop.roster.gateway.roster;

/** One press of "Envoyer des invitations": how many members it asked to invite, and whom it left out. */
public record InvitationRequest(String requestId, int count, SkippedInvitations skipped) {
}

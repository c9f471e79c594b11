package coop.roster.gateway.roster;

/** One press of "Envoyer des invitations": how many members it asked to invite. */
public record InvitationRequest(String requestId, int count) {
}

package coop.roster.gateway.history;

import java.time.Instant;

/**
 * One press of "Envoyer des invitations" (or "Envoyer une invitation"), as member-service lists it.
 *
 * @param selection the selection invited, {@code null} for members chosen one by one
 */
record PastInvitation(String requestId, Instant requestedAt, String requestedBy, String requestedByName,
    String selection, int count) {
}

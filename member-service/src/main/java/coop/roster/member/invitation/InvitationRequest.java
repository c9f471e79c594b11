package coop.roster.member.invitation;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One press of "Envoyer des invitations".
 *
 * @param requestedBy     the coordinator's e-mail, where replies go
 * @param requestedByName the coordinator's name, as the mail names them
 * @param count           how many members it asked invitation-service to invite
 * @param selection       the selection it invited, {@code null} for members chosen one by one (and for requests
 *                        made before it was recorded)
 * @param skipped         the members it left out, by reason ({@code null} on requests made before it was kept)
 * @param note            the coordinator's personal note, as typed, or {@code null}
 * @param reminder        whether it reminds members of their invitation ("Relancer")
 */
@Document("invitationRequests")
record InvitationRequest(@Id String id, String groupId, Instant requestedAt, String requestedBy,
    String requestedByName, int count, String selection, Invitations.Skipped skipped, String note, boolean reminder) {
}

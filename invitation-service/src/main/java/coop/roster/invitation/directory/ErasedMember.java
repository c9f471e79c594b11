package coop.roster.invitation.directory;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * The tombstone of an erased member: no personal data, only ids, so that a replayed or late event about them
 * (their addition, an invitation request already on its way) never brings them back or mails them.
 */
@Document("erased_members")
record ErasedMember(@Id String memberId, String groupId, Instant erasedAt) {
}

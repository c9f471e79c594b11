package coop.roster.invitation.directory;

/**
 * Announced in process while a removed member is erased, before their tombstone is written: whoever keeps something
 * of theirs deletes it, or throws and the roster batch is tried again.
 */
public record MemberErased(String groupId, String memberId) {
}

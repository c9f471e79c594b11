package coop.roster.imports.roster;

/**
 * Announced in process while a removed member is erased, before import-service forgets their e-mail: whoever keeps
 * rows that mention them erases those, or throws and the roster batch is tried again.
 *
 * @param email the normalised e-mail import-service knew them by, or {@code null} when it never knew it
 */
public record MemberErased(String groupId, String memberId, String email) {
}

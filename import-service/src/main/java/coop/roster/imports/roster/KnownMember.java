package coop.roster.imports.roster;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A member of a group as far as imports care: the normalised e-mail, under member-service's id. */
@Document("known_members")
record KnownMember(@Id String memberId, @Indexed String groupId, String email) {
}

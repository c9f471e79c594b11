package coop.roster.imports.roster;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** The tombstone of an erased member (ids only): a replayed addition never makes them "already member" again. */
@Document("erased_members")
record ErasedMember(@Id String memberId, String groupId, @Indexed Instant erasedAt) {
}

package coop.roster.member.roster;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A change a coordinator made to a member by hand, as the group's history lists it. Its id is the id of the event
 * that announced the change, so writing it again changes nothing. Once the member is removed, no entry keeps their
 * name (erased with them).
 *
 * @param memberName the member's first and last name at the change; {@code null} once they are removed
 * @param by         the coordinator's e-mail
 * @param byName     the coordinator's name
 */
@Document(MemberChange.COLLECTION)
record MemberChange(@Id String id, String groupId, Instant at, Kind kind, String memberId, String memberName,
    String by, String byName) {

  static final String COLLECTION = "memberChanges";

  enum Kind { ADDED, EDITED, REMOVED }
}

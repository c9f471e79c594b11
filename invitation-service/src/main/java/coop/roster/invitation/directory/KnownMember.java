package coop.roster.invitation.directory;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A member of a group as the roster events last described them; what a preview needs. */
@Document("members")
public record KnownMember(@Id String id, String groupId, String memberId, String email, String firstName,
    String lastName) {

  static String id(String groupId, String memberId) {
    return groupId + "/" + memberId;
  }
}

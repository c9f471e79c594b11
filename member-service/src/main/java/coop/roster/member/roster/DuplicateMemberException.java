package coop.roster.member.roster;

import coop.roster.member.web.LocalizedProblem;
import org.springframework.http.HttpStatus;

/** The e-mail is already a member's of the group; the problem names them and carries their id. */
class DuplicateMemberException extends LocalizedProblem {

  DuplicateMemberException(Member existing) {
    super(HttpStatus.CONFLICT, "member.duplicate", existing.displayName(), existing.person().email());
    property("existingMemberId", existing.id());
  }
}

package coop.roster.member.roster;

import coop.roster.member.web.LocalizedProblem;
import org.springframework.http.HttpStatus;

/** No such member in the group. */
class MemberNotFoundException extends LocalizedProblem {

  MemberNotFoundException(String memberId) {
    super(HttpStatus.NOT_FOUND, "member.notFound", memberId);
  }
}

package coop.roster.member.roster;

import coop.roster.member.web.LocalizedProblem;
import org.springframework.http.HttpStatus;

/** The member shares a household with another member already; the problem carries that partner's id. */
class HouseholdTakenException extends LocalizedProblem {

  HouseholdTakenException(Member first) {
    super(HttpStatus.CONFLICT, "member.householdTaken", first.displayName());
    property("partnerMemberId", first.partnerId());
  }
}

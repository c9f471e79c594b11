package coop.roster.member.group;

import coop.roster.member.web.LocalizedProblem;
import org.springframework.http.HttpStatus;

/** The group does not exist. */
public class GroupNotFoundException extends LocalizedProblem {

  public GroupNotFoundException(String groupId) {
    super(HttpStatus.NOT_FOUND, "group.notFound", groupId);
  }
}

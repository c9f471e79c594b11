package coop.roster.gateway.roster;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Every page under {@code /groups/{groupId}} shows the group's name and menu, and is refused (403 page)
 * by member-service when the person does not coordinate that group, before anything else is asked.
 */
@ControllerAdvice(basePackages = {"coop.roster.gateway.members", "coop.roster.gateway.imports",
    "coop.roster.gateway.invitations"})
class GroupPages {

  private final MemberService memberService;

  GroupPages(MemberService memberService) {
    this.memberService = memberService;
  }

  @ModelAttribute("group")
  Group group(@PathVariable String groupId) {
    return memberService.group(groupId);
  }
}

package coop.roster.gateway.roster;

import coop.roster.gateway.backend.Backend;
import coop.roster.gateway.backend.BackendProblem;
import coop.roster.gateway.security.CurrentRights;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Every page under {@code /groups/{groupId}} shows the group's name and menu, and is refused (403 page)
 * before anything else is asked: by member-service when the person's token does not name the group, and here
 * when member-service's record of the group no longer counts them among its coordinators (removed since their
 * token was issued).
 */
@ControllerAdvice(basePackages = {"coop.roster.gateway.members", "coop.roster.gateway.imports",
    "coop.roster.gateway.invitations", "coop.roster.gateway.coordinators", "coop.roster.gateway.history",
    "coop.roster.gateway.settings"})
class GroupPages {

  private final MemberService memberService;
  private final CurrentRights rights;
  private final MessageSource messages;

  GroupPages(MemberService memberService, CurrentRights rights, MessageSource messages) {
    this.memberService = memberService;
    this.rights = rights;
    this.messages = messages;
  }

  @ModelAttribute("group")
  Group group(@PathVariable String groupId, HttpServletRequest request) {
    Group group = memberService.group(groupId);
    if (!rights.coordinates(group.coordinators(), request)) {
      throw BackendProblem.refused(Backend.MEMBER_SERVICE,
          messages.getMessage("coordinators.revoked", null, LocaleContextHolder.getLocale()));
    }
    return group;
  }
}

package coop.roster.gateway.invitations;

import coop.roster.gateway.roster.InvitationRequest;
import coop.roster.gateway.roster.MemberService;
import coop.roster.gateway.roster.Selection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Inviting every member of a selection ("Ne s'est jamais connecté" by default) and following it. */
@Controller
@RequestMapping("/groups/{groupId}/invitations")
class InvitationsController {

  private final MemberService memberService;

  InvitationsController(MemberService memberService) {
    this.memberService = memberService;
  }

  /** "N personnes vont recevoir une invitation": what the button will do, before it does it. */
  @GetMapping("/new")
  String confirm(@PathVariable String groupId, @RequestParam(defaultValue = "NEVER_LOGGED_IN") String selection,
      Model model) {
    Selection chosen = Selection.parse(selection);
    model.addAttribute("section", "members");
    model.addAttribute("selection", chosen);
    model.addAttribute("count", memberService.counts(groupId, chosen).count(chosen));
    return "invitations/confirm";
  }

  @PostMapping
  String send(@PathVariable String groupId, @RequestParam(defaultValue = "NEVER_LOGGED_IN") String selection,
      RedirectAttributes redirect) {
    InvitationRequest request = memberService.invite(groupId, Selection.parse(selection));
    redirect.addAttribute("requestId", request.requestId());
    return "redirect:/groups/{groupId}/invitations/{requestId}";
  }

  @GetMapping("/{requestId}")
  String progress(@PathVariable String groupId, @PathVariable String requestId, Model model) {
    model.addAttribute("section", "members");
    model.addAttribute("progress", memberService.invitationProgress(groupId, requestId));
    return "invitations/progress";
  }

  /**
   * The live part of the progress page, asked again every second until every invitation has its outcome.
   * Should member-service be away meanwhile, the error answer leaves the bar as it was and the next poll
   * picks up.
   */
  @GetMapping("/{requestId}/progress")
  String progressFragment(@PathVariable String groupId, @PathVariable String requestId, Model model) {
    model.addAttribute("progress", memberService.invitationProgress(groupId, requestId));
    return "invitations/progress :: progress";
  }
}

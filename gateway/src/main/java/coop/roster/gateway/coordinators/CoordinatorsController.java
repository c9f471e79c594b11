package coop.roster.gateway.coordinators;

import coop.roster.gateway.backend.BackendProblem;
import coop.roster.gateway.roster.Group;
import coop.roster.gateway.roster.Member;
import coop.roster.gateway.roster.MemberList;
import coop.roster.gateway.roster.MemberService;
import coop.roster.gateway.roster.Selection;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/** "Coordinateurs" of one group: the list, "Ajouter" from the group's members, "Retirer" after a confirmation. */
@Controller
@RequestMapping("/groups/{groupId}/coordinators")
class CoordinatorsController {

  private final MemberService members;
  private final CoordinatorService coordinators;
  private final MessageSource messages;

  CoordinatorsController(MemberService members, CoordinatorService coordinators, MessageSource messages) {
    this.members = members;
    this.coordinators = coordinators;
    this.messages = messages;
  }

  /** The coordinators, and the members matching {@code q} whom "Ajouter" can make coordinators. */
  @GetMapping
  String list(@PathVariable String groupId, @ModelAttribute("group") Group group,
      @RequestParam(required = false) String q, Model model) {
    List<Coordinator> current = group.coordinators().stream()
        .map(email -> new Coordinator(email, memberWithEmail(groupId, email))).toList();
    String search = q == null ? "" : q.strip();
    List<Member> candidates = search.isEmpty() ? List.of()
        : members.list(groupId, Selection.ALL, search, MemberService.DEFAULT_SORT, 0).members().stream()
            .filter(member -> !coordinates(group, email(member)))
            .toList();
    model.addAttribute("section", "coordinators");
    model.addAttribute("coordinators", current);
    model.addAttribute("q", search);
    model.addAttribute("candidates", candidates);
    return "coordinators/list";
  }

  @PostMapping("/add")
  String add(@PathVariable String groupId, @RequestParam String memberId, RedirectAttributes redirect) {
    Member member = members.member(groupId, memberId);
    coordinators.add(groupId, memberId);
    redirect.addFlashAttribute("flash", message("coordinators.added", member.person().fullName()));
    return "redirect:/groups/{groupId}/coordinators";
  }

  @GetMapping("/{memberId}/remove")
  String confirmRemoval(@PathVariable String groupId, @PathVariable String memberId, Model model) {
    model.addAttribute("section", "coordinators");
    model.addAttribute("member", members.member(groupId, memberId));
    return "coordinators/remove";
  }

  @PostMapping("/{memberId}/remove")
  String remove(@PathVariable String groupId, @PathVariable String memberId, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    Member member = members.member(groupId, memberId);
    try {
      coordinators.remove(groupId, memberId);
    } catch (BackendProblem problem) {
      if (!problem.is(409)) {
        throw problem;
      }
      // The last coordinator: member-service's sentence on the confirmation page, which stays.
      response.setStatus(HttpStatus.CONFLICT.value());
      model.addAttribute("section", "coordinators");
      model.addAttribute("member", member);
      model.addAttribute("refusal", problem.detail() != null ? problem.detail() : message("coordinators.last"));
      return "coordinators/remove";
    }
    redirect.addFlashAttribute("flash", message("coordinators.removed", member.person().fullName()));
    return "redirect:/groups/{groupId}/coordinators";
  }

  private Member memberWithEmail(String groupId, String email) {
    MemberList found = members.list(groupId, Selection.ALL, email, MemberService.DEFAULT_SORT, 0);
    return found.members().stream().filter(member -> email.equalsIgnoreCase(email(member))).findFirst().orElse(null);
  }

  private static boolean coordinates(Group group, String email) {
    return group.coordinators().stream().anyMatch(coordinator -> coordinator.equalsIgnoreCase(email));
  }

  private static String email(Member member) {
    return member.person() == null ? null : member.person().email();
  }

  private String message(String code, Object... arguments) {
    return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
  }
}

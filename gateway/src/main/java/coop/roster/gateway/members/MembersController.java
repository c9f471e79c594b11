package coop.roster.gateway.members;

import coop.roster.gateway.GatewaySettings;
import coop.roster.gateway.backend.BackendProblem;
import coop.roster.gateway.roster.Group;
import coop.roster.gateway.roster.InvitationRequest;
import coop.roster.gateway.roster.Member;
import coop.roster.gateway.roster.MemberForm;
import coop.roster.gateway.roster.MemberList;
import coop.roster.gateway.roster.MemberService;
import coop.roster.gateway.roster.Selection;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
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
import java.util.LinkedHashMap;
import java.util.Map;

/** The pages of "Gestion adhérents" for one group. */
@Controller
@RequestMapping("/groups/{groupId}/members")
class MembersController {

  private final MemberService memberService;
  private final MessageSource messages;
  private final WelcomeMessage welcome;

  MembersController(MemberService memberService, MessageSource messages, GatewaySettings settings) {
    this.memberService = memberService;
    this.messages = messages;
    this.welcome = new WelcomeMessage(messages, settings);
  }

  @GetMapping
  String list(@PathVariable String groupId, @RequestParam(defaultValue = "ALL") String selection,
      @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "0") int page, Model model) {
    Selection chosen = Selection.parse(selection);
    Sort order = Sort.parse(sort);
    MemberList list = memberService.list(groupId, chosen, q, order.param(), Math.max(0, page));
    model.addAttribute("section", "members");
    model.addAttribute("list", list);
    model.addAttribute("selection", chosen);
    model.addAttribute("selections", Selection.values());
    model.addAttribute("q", q == null ? "" : q.strip());
    model.addAttribute("sort", order);
    return "members/list";
  }

  /**
   * "Exporter": the selection and search on screen, as CSV or .xlsx, streamed from member-service as it
   * writes it.
   */
  @GetMapping("/export")
  void export(@PathVariable String groupId, @RequestParam(defaultValue = "ALL") String selection,
      @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "csv") String format, HttpServletResponse response) {
    memberService.export(groupId, Selection.parse(selection), q, Sort.parse(sort).param(),
        MemberService.ExportFormat.parse(format),
        (headers, body) -> {
          response.setContentType(String.valueOf(headers.getContentType()));
          response.setHeader(HttpHeaders.CONTENT_DISPOSITION, headers.getFirst(HttpHeaders.CONTENT_DISPOSITION));
          body.transferTo(response.getOutputStream());
        });
  }

  /** "Nouvel adhérent", or "Ajouter son conjoint" from a member's page ({@code partnerOf}: that member's id). */
  @GetMapping("/new")
  String newMember(@PathVariable String groupId, @RequestParam(required = false) String partnerOf, Model model) {
    model.addAttribute("section", "new");
    if (partnerOf == null) {
      model.addAttribute("form", MemberForm.empty());
    } else {
      Member first = memberService.member(groupId, partnerOf);
      model.addAttribute("partnerOf", first);
      model.addAttribute("form", MemberForm.partnerOf(first));
    }
    return "members/form";
  }

  @PostMapping("/new")
  String create(@PathVariable String groupId, @RequestParam Map<String, String> fields, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    MemberForm form = MemberForm.fromFields(fields);
    model.addAttribute("form", form);
    try {
      Member member = memberService.create(groupId, form);
      redirect.addFlashAttribute("flash", message("member.created", member.fullName()));
      redirect.addAttribute("memberId", member.id());
      return "redirect:/groups/{groupId}/members/{memberId}";
    } catch (BackendProblem problem) {
      model.addAttribute("section", "new");
      if (form.partnerOf() != null) {
        model.addAttribute("partnerOf", memberService.member(groupId, form.partnerOf()));
      }
      return formWithErrors(problem, model, response);
    }
  }

  @GetMapping("/{memberId}")
  String show(@PathVariable String groupId, @PathVariable String memberId, @ModelAttribute("group") Group group,
      Model model) {
    Member member = memberService.member(groupId, memberId);
    model.addAttribute("section", "members");
    model.addAttribute("member", member);
    model.addAttribute("welcome", welcome.forMember(member, group, LocaleContextHolder.getLocale()));
    model.addAttribute("welcomeMailto", welcome.mailto(member, group, LocaleContextHolder.getLocale()));
    return "members/show";
  }

  @GetMapping("/{memberId}/edit")
  String edit(@PathVariable String groupId, @PathVariable String memberId, Model model) {
    Member member = memberService.member(groupId, memberId);
    model.addAttribute("section", "members");
    model.addAttribute("member", member);
    model.addAttribute("form", MemberForm.of(member));
    return "members/form";
  }

  @PostMapping("/{memberId}/edit")
  String update(@PathVariable String groupId, @PathVariable String memberId,
      @RequestParam Map<String, String> fields, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    MemberForm form = MemberForm.fromFields(fields);
    model.addAttribute("form", form);
    try {
      Member member = memberService.update(groupId, memberId, form);
      redirect.addFlashAttribute("flash", message("member.updated", member.fullName()));
      return "redirect:/groups/{groupId}/members/{memberId}";
    } catch (BackendProblem problem) {
      model.addAttribute("section", "members");
      model.addAttribute("member", memberService.member(groupId, memberId));
      return formWithErrors(problem, model, response);
    }
  }

  @GetMapping("/{memberId}/remove")
  String confirmRemoval(@PathVariable String groupId, @PathVariable String memberId, Model model) {
    model.addAttribute("section", "members");
    model.addAttribute("member", memberService.member(groupId, memberId));
    return "members/remove";
  }

  @PostMapping("/{memberId}/remove")
  String remove(@PathVariable String groupId, @PathVariable String memberId, RedirectAttributes redirect) {
    Member member = memberService.member(groupId, memberId);
    memberService.remove(groupId, memberId);
    redirect.addFlashAttribute("flash", message("member.removed", member.fullName()));
    return "redirect:/groups/{groupId}/members";
  }

  /** "Envoyer une invitation" for this member alone. */
  @PostMapping("/{memberId}/invitation")
  String invite(@PathVariable String groupId, @PathVariable String memberId,
      @RequestParam(required = false) String note, RedirectAttributes redirect) {
    Member member = memberService.member(groupId, memberId);
    InvitationRequest request;
    try {
      request = memberService.inviteMember(groupId, memberId, note);
    } catch (BackendProblem problem) {
      if (!problem.is(400) && !problem.is(429)) {
        throw problem;
      }
      // Refused by a limit (once per 10 minutes, 5 a day, the group's hour) or a note too long: the reason.
      redirect.addFlashAttribute("refusal", problem.detail());
      return "redirect:/groups/{groupId}/members/{memberId}";
    }
    redirect.addFlashAttribute("flash", request.count() > 0
        ? message("member.invitation.requested", member.fullName(), member.email())
        : message("member.invitation.inFlight", member.fullName()));
    return "redirect:/groups/{groupId}/members/{memberId}";
  }

  /**
   * The form again, with the service's messages next to their fields; a duplicate e-mail names the member
   * who has it, with a link to them.
   */
  private String formWithErrors(BackendProblem problem, Model model, HttpServletResponse response) {
    if (!problem.is(400) && !problem.is(409)) {
      throw problem;
    }
    Map<String, String> errors = new LinkedHashMap<>(problem.fieldErrors());
    if (problem.is(409)) {
      errors.putIfAbsent("email", problem.detail());
      model.addAttribute("existingMemberId", problem.property("existingMemberId"));
    }
    response.setStatus(problem.is(409) ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
    model.addAttribute("errors", errors);
    model.addAttribute("problem", problem.detail());
    return "members/form";
  }

  private String message(String key, Object... arguments) {
    return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
  }
}

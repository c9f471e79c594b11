package coop.roster.gateway.invitations;

import coop.roster.gateway.backend.BackendProblem;
import coop.roster.gateway.roster.InvitationOutlook;
import coop.roster.gateway.roster.InvitationRequest;
import coop.roster.gateway.roster.Member;
import coop.roster.gateway.roster.MemberList;
import coop.roster.gateway.roster.MemberService;
import coop.roster.gateway.roster.Selection;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Inviting every member of a selection ("Ne s'est jamais connecté" by default), trying failed invitations again
 * ("Réessayer") or reminding those who did not activate ("Relancer"), and following it.
 */
@Controller
@RequestMapping("/groups/{groupId}/invitations")
class InvitationsController {

  /** As member-service refuses a longer note (README "Invitations"). */
  static final int NOTE_MAX_LENGTH = 1_000;
  /**
   * The mail preview is the mail as it leaves: inline styles, no script, nothing fetched, no form, no framing.
   */
  private static final String MAIL_PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
      + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

  private final MemberService memberService;
  private final MailPreviews previews;

  InvitationsController(MemberService memberService, MailPreviews previews) {
    this.memberService = memberService;
    this.previews = previews;
  }

  /**
   * "N personnes vont recevoir une invitation": what the button will do, before it does it — how many were never
   * invited, invited less than 7 days ago (left out unless included) and failed.
   */
  @GetMapping("/new")
  String confirm(@PathVariable String groupId, @RequestParam(defaultValue = "NEVER_LOGGED_IN") String selection,
      @RequestParam(defaultValue = "false") boolean reminder, Model model) {
    return confirmation(groupId, Selection.parse(selection), reminder, false, null, model);
  }

  @PostMapping
  String send(@PathVariable String groupId, @RequestParam(defaultValue = "NEVER_LOGGED_IN") String selection,
      @RequestParam(defaultValue = "false") boolean includeRecentlyInvited,
      @RequestParam(defaultValue = "false") boolean reminder, @RequestParam(required = false) String note,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    Selection chosen = Selection.parse(selection);
    InvitationRequest request;
    try {
      request = memberService.invite(groupId, chosen, includeRecentlyInvited, reminder, note);
    } catch (BackendProblem problem) {
      if (!problem.is(400) && !problem.is(429)) {
        throw problem;
      }
      // Refused as a whole (a note too long, the group's hourly limit): the page again, the note as typed.
      response.setStatus(problem.status().value());
      model.addAttribute("problem", problem.detail());
      return confirmation(groupId, chosen, reminder, includeRecentlyInvited, note, model);
    }
    redirect.addAttribute("requestId", request.requestId());
    return "redirect:/groups/{groupId}/invitations/{requestId}";
  }

  /**
   * "Voir l'e-mail": the mail the first member of the selection would receive, with the note as typed; in a page of
   * its own whose policy lets the mail's inline styles apply and nothing else.
   */
  @PostMapping("/preview")
  ResponseEntity<String> preview(@PathVariable String groupId,
      @RequestParam(defaultValue = "NEVER_LOGGED_IN") String selection,
      @RequestParam(defaultValue = "false") boolean reminder, @RequestParam(required = false) String note) {
    MemberList first = memberService.counts(groupId, Selection.parse(selection));
    if (first.members().isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    Member member = first.members().getFirst();
    Instant reminderOf = reminder && member.invitation() != null ? member.invitation().lastSentAt() : null;
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Content-Security-Policy", MAIL_PREVIEW_POLICY)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(previews.html(groupId, member.id(), note, reminderOf));
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

  private String confirmation(String groupId, Selection selection, boolean reminder,
      boolean includeRecentlyInvited, String note, Model model) {
    InvitationOutlook outlook = memberService.invitationOutlook(groupId, selection);
    model.addAttribute("section", "members");
    model.addAttribute("selection", selection);
    model.addAttribute("reminder", reminder);
    model.addAttribute("outlook", outlook);
    model.addAttribute("count", outlook.toInvite(false));
    model.addAttribute("includeRecentlyInvited", includeRecentlyInvited);
    model.addAttribute("note", note);
    model.addAttribute("noteMaxLength", NOTE_MAX_LENGTH);
    return "invitations/confirm";
  }
}

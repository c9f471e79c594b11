package coop.roster.member.invitation;

import coop.roster.member.roster.Selection;
import coop.roster.member.web.GroupAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** "Envoyer des invitations" and its progress. */
@RestController
@RequestMapping("/api/groups/{groupId}/invitations")
@PreAuthorize("@groupAccess.allows(authentication, #groupId)")
@Validated
@Tag(name = "Invitations", description = "Invitation requests of a group and their progress")
class InvitationController {

  private final Invitations invitations;

  InvitationController(Invitations invitations) {
    this.invitations = invitations;
  }

  /**
   * Whom to invite: the chosen members, or else everyone in a selection at this moment
   * ({@code NEVER_LOGGED_IN} when neither is given); a selection leaves out members invited in the last 7 days
   * unless {@code includeRecentlyInvited}. {@code reminder} words the mail as a reminder of the last invitation;
   * {@code note} is the coordinator's personal message (limits: README "Invitations").
   */
  record InvitationCommand(Selection selection, List<String> memberIds, Boolean includeRecentlyInvited,
      Boolean reminder, String note) {
  }

  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Requests an invitation for each member of a selection, or for chosen members; "
      + "members whose last invitation is still in flight, or who are within their limits, are left out and counted; "
      + "one chosen member within their limits, or a group past its hourly limit, is refused with 429")
  Invitations.Requested request(@PathVariable String groupId, @RequestBody InvitationCommand command) {
    return invitations.request(groupId, new Invitations.Ask(command.selection(), command.memberIds(),
        Boolean.TRUE.equals(command.includeRecentlyInvited()), Boolean.TRUE.equals(command.reminder()),
        command.note()), GroupAccess.caller());
  }

  @GetMapping("/outlook")
  @Operation(summary = "What inviting a selection would meet: members never invited, invited in the last 7 days, "
      + "whose last invitation failed")
  Invitations.Outlook outlook(@PathVariable String groupId,
      @RequestParam(defaultValue = "NEVER_LOGGED_IN") Selection selection) {
    return invitations.outlook(groupId, selection);
  }

  @GetMapping
  @Operation(summary = "The group's invitation requests, newest first: who, when, which selection, how many")
  Invitations.History history(@PathVariable String groupId, @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return invitations.history(groupId, page, size);
  }

  @GetMapping("/{requestId}")
  @Operation(summary = "How far a request went: members requested, sent, failed")
  Invitations.Progress progress(@PathVariable String groupId, @PathVariable String requestId) {
    return invitations.progress(groupId, requestId);
  }
}

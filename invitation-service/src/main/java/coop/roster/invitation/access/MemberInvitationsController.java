package coop.roster.invitation.access;

import coop.roster.invitation.delivery.InvitationHistory;
import coop.roster.invitation.delivery.InvitationHistory.SentInvitation;
import coop.roster.invitation.directory.Directory;
import coop.roster.invitation.directory.KnownMember;
import coop.roster.invitation.keycloak.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/groups/{groupId}/members/{memberId}/invitations}: the invitations sent to one member, and their account. */
@RestController
class MemberInvitationsController {

  private final InvitationHistory history;
  private final Directory directory;
  private final Accounts accounts;

  MemberInvitationsController(InvitationHistory history, Directory directory, Accounts accounts) {
    this.history = history;
    this.directory = directory;
    this.accounts = accounts;
  }

  /**
   * What invitation-service holds about one member.
   *
   * @param email       the e-mail it knows them by, {@code null} when it knows none (never told, or erased)
   * @param account     whether a Keycloak account exists for that e-mail, and since when
   * @param invitations every invitation sent (or failed) still kept, oldest first
   */
  record MemberInvitations(String memberId, String email, Account account, List<SentInvitation> invitations) {
  }

  record Account(boolean exists, Instant createdAt) {
  }

  @Operation(summary = "The invitations sent to one member, and whether they have an account",
      description = "Part of \"Télécharger ses données\". Empty once the member is removed (erased).")
  @GetMapping("/api/groups/{groupId}/members/{memberId}/invitations")
  @PreAuthorize("@groupAccess.allows(authentication, #groupId)")
  MemberInvitations of(@PathVariable String groupId, @PathVariable String memberId) {
    String email = directory.member(groupId, memberId).map(KnownMember::email).orElse(null);
    Account account = null;
    if (email != null) {
      Accounts.AccountState state = accounts.state(email);
      account = new Account(state.exists(),
          state.createdTimestamp() == null ? null : Instant.ofEpochMilli(state.createdTimestamp()));
    }
    return new MemberInvitations(memberId, email, account, history.ofMember(groupId, memberId));
  }
}

package coop.roster.gateway.roster;

/**
 * What inviting a selection would meet, for its confirmation page.
 *
 * @param neverInvited        members never invited
 * @param invitedLately       invited less than {@code recentlyInvitedDays} days ago, and not failed
 * @param failed              whose last invitation failed
 * @param recentlyInvitedDays how recent "invited lately" is (7 by default)
 */
public record InvitationOutlook(long total, long neverInvited, long invitedLately, long failed,
    int recentlyInvitedDays) {

  /** Who would receive an invitation: everybody, or everybody but the recently invited. */
  public long toInvite(boolean includeRecentlyInvited) {
    return includeRecentlyInvited ? total : total - invitedLately;
  }
}

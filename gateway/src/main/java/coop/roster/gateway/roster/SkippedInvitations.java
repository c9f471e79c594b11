package coop.roster.gateway.roster;

/**
 * Members a request left out, by reason (member-service's limits, README "Invitations").
 *
 * @param inFlight        their last invitation is still being sent
 * @param recentlyInvited invited less than 7 days ago, and not included by the coordinator
 * @param tooSoon         invited less than 10 minutes ago
 * @param dailyLimit      invited as often as a day allows
 * @param groupLimit      beyond what the group may still request this hour
 */
public record SkippedInvitations(int inFlight, int recentlyInvited, int tooSoon, int dailyLimit, int groupLimit) {

  public int total() {
    return inFlight + recentlyInvited + tooSoon + dailyLimit + groupLimit;
  }
}

package coop.roster.gateway.roster;

/**
 * How far an invitation request went: members requested, invitations sent, failed; the members it left out, and
 * whether it reminded them ("Relancer"); the limits that left members out, as member-service is configured.
 */
public record InvitationProgress(String requestId, int requested, long sent, long failed,
    SkippedInvitations skipped, boolean reminder, Limits limits) {

  /** The member limits named beside the members they left out. */
  public record Limits(long recentlyInvitedDays, long memberMinIntervalMinutes, int memberPerDay) {

    /** member-service's defaults, for an answer from a version that did not say its limits. */
    static final Limits DEFAULTS = new Limits(7, 10, 5);
  }

  public InvitationProgress {
    limits = limits == null ? Limits.DEFAULTS : limits;
  }

  public long done() {
    return sent + failed;
  }

  public boolean finished() {
    return done() >= requested;
  }
}

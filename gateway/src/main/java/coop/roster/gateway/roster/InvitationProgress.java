package coop.roster.gateway.roster;

/**
 * How far an invitation request went: members requested, invitations sent, failed; the members it left out, and
 * whether it reminded them ("Relancer").
 */
public record InvitationProgress(String requestId, int requested, long sent, long failed,
    SkippedInvitations skipped, boolean reminder) {

  public long done() {
    return sent + failed;
  }

  public boolean finished() {
    return done() >= requested;
  }
}

package coop.roster.gateway.roster;

/** How far an invitation request went: members requested, invitations sent, failed. */
public record InvitationProgress(String requestId, int requested, long sent, long failed) {

  public long done() {
    return sent + failed;
  }

  public boolean finished() {
    return done() >= requested;
  }
}

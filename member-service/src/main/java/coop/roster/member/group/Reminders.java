package coop.roster.member.group;

import coop.roster.member.roster.Member;

import java.time.Duration;
import java.time.Instant;

/**
 * A group's automatic reminders: whether members invited and not activated are reminded of their invitation, how
 * many days after it was last sent, and at most how many times.
 *
 * @param enabled   on or off (off by default)
 * @param afterDays days after the last invitation or reminder sent
 * @param atMost    automatic reminders per member at most
 */
public record Reminders(boolean enabled, int afterDays, int atMost) {

  public static final Reminders DEFAULT = new Reminders(false, 7, 2);
  public static final int MIN_DAYS = 1;
  public static final int MAX_DAYS = 60;
  public static final int MIN_TIMES = 1;
  public static final int MAX_TIMES = 5;

  /** How long after the last invitation sent a member is reminded. */
  public Duration delay() {
    return Duration.ofDays(afterDays);
  }

  /**
   * When the member is due to be reminded automatically, or {@code null} when they will not be: reminders off, not
   * invited, the invitation not sent (in flight or failed), activated or logged in, or reminded {@link #atMost} times.
   */
  public Instant nextFor(Member member) {
    Member.Invitation invitation = member.invitation();
    Member.Account account = member.account();
    if (!enabled || invitation == null || invitation.state() != Member.InvitationState.SENT
        || invitation.lastSentAt() == null || invitation.automaticRemindersSoFar() >= atMost
        || account != null && (account.passwordSetAt() != null || account.lastLoginAt() != null)) {
      return null;
    }
    return invitation.lastSentAt().plus(delay());
  }
}

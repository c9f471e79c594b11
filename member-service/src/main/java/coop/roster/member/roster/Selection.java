package coop.roster.member.roster;

import org.springframework.data.mongodb.core.query.Criteria;

import java.time.Duration;
import java.time.Instant;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The "Sélections" of the member list. Each is defined twice on purpose, in the same terms: as a
 * MongoDB criteria (resolving a selection for invitations, served by the collection's indexes) and as a
 * test on a member's {@link Status} (the in-memory list index); {@code SelectionTest} holds them equal.
 */
public enum Selection {

  /** Everybody. */
  ALL {
    @Override
    Criteria criteria(Instant now) {
      return new Criteria();
    }

    @Override
    boolean test(int status, long createdAt, long recentSince) {
      return true;
    }
  },
  /** "Ne s'est jamais connecté": no login ever recorded, invited or not. */
  NEVER_LOGGED_IN {
    @Override
    Criteria criteria(Instant now) {
      return where("account.lastLoginAt").is(null);
    }

    @Override
    boolean test(int status, long createdAt, long recentSince) {
      return (status & Status.LOGGED_IN) == 0;
    }
  },
  /** Invited, but neither set a password nor logged in yet. */
  INVITED_NOT_ACTIVATED {
    @Override
    Criteria criteria(Instant now) {
      return where("invitation.lastRequestedAt").ne(null).and("account.passwordSetAt").is(null)
          .and("account.lastLoginAt").is(null);
    }

    @Override
    boolean test(int status, long createdAt, long recentSince) {
      return (status & Status.INVITED) != 0 && (status & (Status.PASSWORD_SET | Status.LOGGED_IN)) == 0;
    }
  },
  /** Never invited and never logged in. */
  NEVER_INVITED {
    @Override
    Criteria criteria(Instant now) {
      return where("invitation.lastRequestedAt").is(null).and("account.lastLoginAt").is(null);
    }

    @Override
    boolean test(int status, long createdAt, long recentSince) {
      return (status & (Status.INVITED | Status.LOGGED_IN)) == 0;
    }
  },
  /** Logged in at least once. */
  LOGGED_IN {
    @Override
    Criteria criteria(Instant now) {
      return where("account.lastLoginAt").ne(null);
    }

    @Override
    boolean test(int status, long createdAt, long recentSince) {
      return (status & Status.LOGGED_IN) != 0;
    }
  },
  /** Added to the roster in the last 30 days. */
  ADDED_LAST_30_DAYS {
    @Override
    Criteria criteria(Instant now) {
      return where("createdAt").gte(now.minus(RECENT));
    }

    @Override
    boolean test(int status, long createdAt, long recentSince) {
      return createdAt >= recentSince;
    }
  },
  /** Their last invitation could not be delivered. */
  INVITATION_FAILED {
    @Override
    Criteria criteria(Instant now) {
      return where("invitation.state").is(Member.InvitationState.FAILED);
    }

    @Override
    boolean test(int status, long createdAt, long recentSince) {
      return (status & Status.INVITATION_FAILED) != 0;
    }
  };

  static final Duration RECENT = Duration.ofDays(30);

  /** The members of the selection, as a query on the members collection (without the group). */
  abstract Criteria criteria(Instant now);

  /**
   * Whether a member with this {@link Status} and creation time (epoch ms) is in the selection, "recent"
   * meaning created at {@code recentSince} (epoch ms, {@link #recentSince}) or later.
   */
  abstract boolean test(int status, long createdAt, long recentSince);

  /** Since when a member counts as recently added, in epoch ms. */
  static long recentSince(Instant now) {
    return now.minus(RECENT).toEpochMilli();
  }

  /** What the selections look at in a member, as bits. */
  static final class Status {
    static final int LOGGED_IN = 1;
    static final int PASSWORD_SET = 2;
    static final int INVITED = 4;
    static final int INVITATION_FAILED = 8;
    /** Every bit set: statuses range from 0 to this. */
    static final int ALL = LOGGED_IN | PASSWORD_SET | INVITED | INVITATION_FAILED;

    static int of(Member member) {
      int status = 0;
      if (member.account() != null && member.account().lastLoginAt() != null) {
        status |= LOGGED_IN;
      }
      if (member.account() != null && member.account().passwordSetAt() != null) {
        status |= PASSWORD_SET;
      }
      if (member.invitation() != null && member.invitation().lastRequestedAt() != null) {
        status |= INVITED;
      }
      if (member.invitation() != null && member.invitation().state() == Member.InvitationState.FAILED) {
        status |= INVITATION_FAILED;
      }
      return status;
    }

    private Status() {
    }
  }
}

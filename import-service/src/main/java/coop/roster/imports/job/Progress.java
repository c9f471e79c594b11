package coop.roster.imports.job;

/**
 * How far a confirmed import got: rows published, and member-service's outcomes so far.
 *
 * @param published      rows published as {@code MemberCreated}
 * @param created        rows that became new members
 * @param updated        rows whose member's details were replaced
 * @param alreadyMembers rows left as they were because the person is already a member
 * @param rejected       rows member-service refused
 * @param partners       rows whose partner (with an e-mail of their own) is a member of their own too: the people
 *                       beyond one per row
 */
public record Progress(long published, long created, long updated, long alreadyMembers, long rejected,
    long partners) {

  static final Progress NONE = new Progress(0, 0, 0, 0, 0, 0);

  /** The people the rows with an outcome put or found in the roster: one per row, and each partner of their own. */
  public long people() {
    return created + updated + alreadyMembers + partners;
  }

  /** Rows with an outcome. */
  public long processed() {
    return created + updated + alreadyMembers + rejected;
  }
}

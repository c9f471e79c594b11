package coop.roster.imports.job;

import java.util.List;
import java.util.Map;

/**
 * What an import did, row by row.
 *
 * @param finished     whether every published row has its outcome
 * @param created      rows that became new members
 * @param updated      rows whose member's details were replaced
 * @param alreadyMembers rows whose person was already a member and left as they were
 * @param rejected     rows not imported: invalid in the file, or refused by the roster
 * @param pending      published rows still waiting for their outcome
 * @param rejectedRows one page of the rows not imported, with their reasons
 * @param unconfirmed  rows of an {@code INCOMPLETE} import that got no outcome within the bound ("non confirmées"):
 *                     maybe in the roster, maybe not; publishing them again settles it
 * @param unconfirmedRows one page of them, in file order
 * @param canPublishAgain whether {@code POST .../republish} would publish the unconfirmed rows again
 * @param people       the people the imported rows put or found in the roster: one per row, and each partner who
 *                     is a member of their own (a partner with an e-mail of their own)
 */
record ReportView(
    String id,
    ImportStatus status,
    boolean finished,
    long rows,
    long created,
    long updated,
    long alreadyMembers,
    long rejected,
    long pending,
    RejectedPage rejectedRows,
    long unconfirmed,
    UnconfirmedPage unconfirmedRows,
    boolean canPublishAgain,
    long people) {

  /** One page of rejected rows, in file order. */
  record RejectedPage(List<RejectedView> items, int page, int size, long total) {
  }

  /** One page of the rows without outcome, in file order. */
  record UnconfirmedPage(List<UnconfirmedView> items, int page, int size, long total) {
  }

  /**
   * A row without outcome.
   *
   * @param values the row's values as typed, by field
   * @param reason "Ligne 12 non confirmée…", as the coordinator reads it
   */
  record UnconfirmedView(long line, Map<String, String> values, String reason) {
  }

  /**
   * A row not imported.
   *
   * @param values  the row's values as typed, by field
   * @param reasons why, as the coordinator reads it
   */
  record RejectedView(long line, Map<String, String> values, List<String> reasons) {
  }
}

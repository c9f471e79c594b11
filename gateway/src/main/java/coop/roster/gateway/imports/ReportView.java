package coop.roster.gateway.imports;

import java.util.List;
import java.util.Map;

/**
 * What an import did, as import-service reports it.
 *
 * @param finished        whether every published row has its outcome
 * @param unconfirmed     rows of an incomplete import that got no outcome in time ("non confirmées")
 * @param canPublishAgain whether "Publier à nouveau" applies
 * @param people          the people the imported rows gave: one per row, and each partner with an e-mail of their
 *                        own (a member of their own)
 */
record ReportView(String id, String status, boolean finished, long rows, long created, long updated,
    long alreadyMembers, long rejected, long pending, RejectedPage rejectedRows, long unconfirmed,
    UnconfirmedPage unconfirmedRows, boolean canPublishAgain, long people) {

  /** Rows that put or found their person in the roster. */
  public long rowsImported() {
    return created + updated + alreadyMembers;
  }

  record UnconfirmedPage(List<UnconfirmedView> items, int page, int size, long total) {

    public int pages() {
      return size <= 0 ? 1 : (int) Math.max(1, (total + size - 1) / size);
    }
  }

  /** A row without outcome: its values by field, and the sentence saying so. */
  record UnconfirmedView(long line, Map<String, String> values, String reason) {
  }

  record RejectedPage(List<RejectedView> items, int page, int size, long total) {

    public int pages() {
      return size <= 0 ? 1 : (int) Math.max(1, (total + size - 1) / size);
    }
  }

  /** A row not imported: its values by field, and why. */
  record RejectedView(long line, Map<String, String> values, List<String> reasons) {
  }
}

package coop.roster.gateway.history;

import java.time.Instant;

/** One import as import-service lists it. */
record PastImport(String id, String fileName, String status, String createdBy, Instant createdAt, String confirmedBy,
    Instant confirmedAt, Instant completedAt, long rows, long created, long updated, long alreadyMembers,
    long rejected) {

  /** Whether it has a report (and rows not imported to download). */
  public boolean reported() {
    return "COMPLETED".equals(status) || "INCOMPLETE".equals(status);
  }

  /** Who did it: whoever confirmed it, else whoever uploaded it. */
  public String by() {
    return confirmedBy != null ? confirmedBy : createdBy;
  }
}

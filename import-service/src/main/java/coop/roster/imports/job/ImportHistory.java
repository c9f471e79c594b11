package coop.roster.imports.job;

import java.time.Instant;
import java.util.List;

/**
 * One page of a group's imports, newest first: what the group's "Historique" lists.
 *
 * @param total every import of the group
 */
record ImportHistory(List<Entry> items, int page, int size, long total) {

  /**
   * One import as the history shows it.
   *
   * @param createdBy   who uploaded the file (e-mail)
   * @param confirmedBy who confirmed it, {@code null} before
   * @param rejected    rows not imported: invalid in the file, or refused by the roster
   */
  record Entry(String id, String fileName, ImportStatus status, String createdBy, Instant createdAt,
      String confirmedBy, Instant confirmedAt, Instant completedAt, long rows, long created, long updated,
      long alreadyMembers, long rejected) {

    static Entry of(ImportJob job) {
      PreviewCounts counts = job.counts() == null ? PreviewCounts.NONE : job.counts();
      Progress progress = job.progress() == null ? Progress.NONE : job.progress();
      return new Entry(job.id(), job.fileName(), job.status(), job.createdBy(), job.createdAt(), job.confirmedBy(),
          job.confirmedAt(), job.completedAt(), counts.rows(), progress.created(), progress.updated(),
          progress.alreadyMembers(), counts.invalid() + progress.rejected());
    }
  }
}

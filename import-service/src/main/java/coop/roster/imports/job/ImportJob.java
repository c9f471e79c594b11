package coop.roster.imports.job;

import coop.roster.events.ExistingMemberPolicy;
import coop.roster.imports.checking.ColumnMapping;
import coop.roster.imports.spreadsheet.Sheet;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One import, from upload to report. Several replicas may serve it: everything a request needs is
 * here or in the collections keyed by its id, never in a replica's memory or disk.
 *
 * @param fileId           the upload in GridFS, {@code null} once deleted
 * @param firstRow         the file's first row, headers or a member, for the mapping screen
 * @param sample           the first valid rows as they will be imported
 * @param publishedThrough the line of the last row published: publishing resumes after it
 * @param leaseOwner       the replica publishing the rows, until {@code leaseUntil}
 * @param lastProgressAt   when rows were last published or outcomes last counted: the outcome bound counts from it
 * @param republished      how often the coordinator published the unconfirmed rows again; from the first time,
 *                         publishing sends only the rows without an outcome
 * @param checkingUntil    while a new mapping is being checked (and until when at most): no confirmation meanwhile
 * @param sheet            the workbook's sheet read, or {@code null} (a CSV file; or a job from before sheets were
 *                         chosen: the first sheet shown)
 * @param sheets           the workbook's sheets, hidden ones marked; empty or {@code null} for a CSV file
 */
@Document("imports")
record ImportJob(
    @Id String id,
    @Indexed String groupId,
    String fileName,
    String fileId,
    long fileSize,
    String charset,
    int bomLength,
    String separator,
    String createdBy,
    @Indexed Instant createdAt,
    @Indexed ImportStatus status,
    List<String> firstRow,
    ColumnMapping mapping,
    MappingSource mappingSource,
    PreviewCounts counts,
    List<SampleRow> sample,
    ExistingMemberPolicy policy,
    String confirmedBy,
    Instant confirmedAt,
    long publishedThrough,
    Progress progress,
    String leaseOwner,
    Instant leaseUntil,
    Instant publishedAt,
    Instant completedAt,
    Instant lastProgressAt,
    int republished,
    Instant checkingUntil,
    String sheet,
    List<Sheet> sheets) {

  /** Whether the job still changes: once ended, its file is deleted. */
  boolean ended() {
    return status == ImportStatus.COMPLETED || status == ImportStatus.ABANDONED;
  }
}

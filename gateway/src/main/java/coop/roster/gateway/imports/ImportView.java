package coop.roster.gateway.imports;

import java.time.Instant;
import java.util.List;

/**
 * An import as import-service shows it: the preview before confirmation, the progress after.
 *
 * @param status {@code NEEDS_MAPPING}, {@code READY}, {@code PUBLISHING}, {@code PUBLISHED},
 *               {@code INCOMPLETE} (some rows got no outcome in time), {@code COMPLETED} or {@code ABANDONED}
 */
record ImportView(String id, String groupId, String status, FileView file, MappingView mapping, Counts counts,
    List<SampleRow> sample, ProblemPage problems, String policy, Progress progress, Instant createdAt,
    Instant confirmedAt, Instant completedAt) {

  /**
   * @param separator {@code ;}, {@code ,} or {@code tab}; meaningless for a workbook
   * @param sheet     the workbook's sheet read, or {@code null} for a CSV file
   * @param sheets    the workbook's sheets, hidden ones marked; empty (or {@code null}) for a CSV file
   */
  record FileView(String name, long size, String encoding, String separator, String sheet, List<Sheet> sheets) {

    FileView(String name, long size, String encoding, String separator) {
      this(name, size, encoding, separator, null, List.of());
    }

    /** Whether the preview offers to read another sheet. */
    public boolean severalSheets() {
      return sheets != null && sheets.size() > 1;
    }
  }

  /** A sheet of a workbook, as its tab shows it. */
  record Sheet(String name, boolean hidden) {
  }

  record MappingView(String source, boolean headerRow, List<ColumnView> columns, List<String> missing,
      List<String> unknownColumns, List<FieldOption> fields) {
  }

  record ColumnView(int index, String letter, String firstValue, String field, String fieldLabel) {
  }

  record FieldOption(String field, String label, boolean required) {
  }

  record Counts(long rows, long newMembers, long alreadyMembers, long invalid, long problems) {

    /** Rows that the confirmation publishes. */
    public long valid() {
      return newMembers + alreadyMembers;
    }
  }

  record SampleRow(long line, Person person, Person partner, Address address, boolean alreadyMember) {
  }

  record Person(String firstName, String lastName, String email, String phone) {
  }

  record Address(String line1, String line2, String postcode, String city) {
  }

  record ProblemPage(List<ProblemView> items, int page, int size, long total) {

    public int pages() {
      return size <= 0 ? 1 : (int) Math.max(1, (total + size - 1) / size);
    }
  }

  /** @param severity {@code ERROR} (the row is left out) or {@code WARNING} (kept as typed) */
  record ProblemView(long line, String column, String field, String code, String severity, String message) {
  }

  record Progress(long published, long created, long updated, long alreadyMembers, long rejected) {

    public long processed() {
      return created + updated + alreadyMembers + rejected;
    }
  }

  // Public methods, like the accessors: the pages call them, and SpEL calls nothing else.

  public boolean confirmed() {
    return !"NEEDS_MAPPING".equals(status) && !"READY".equals(status) && !"ABANDONED".equals(status);
  }

  public boolean completed() {
    return "COMPLETED".equals(status);
  }

  /** Some rows got no outcome in time: the report lists them and offers to publish them again. */
  public boolean incomplete() {
    return "INCOMPLETE".equals(status);
  }

  /** Nothing more happens without the coordinator: the progress page stops asking. */
  public boolean settled() {
    return completed() || incomplete();
  }

  /** Rows processed by member-service so far, out of the rows confirmed. */
  public long processed() {
    return progress == null ? 0 : progress.processed();
  }

  public long toProcess() {
    return counts == null ? 0 : counts.valid();
  }
}

package coop.roster.imports.job;

import coop.roster.events.ExistingMemberPolicy;
import coop.roster.imports.checking.Field;
import coop.roster.imports.checking.ProblemCode;
import coop.roster.imports.checking.Severity;
import coop.roster.imports.spreadsheet.Sheet;

import java.time.Instant;
import java.util.List;

/**
 * An import as the coordinator sees it: the preview before confirmation, the progress after.
 *
 * @param counts   what the check found: rows, new members, already members, invalid rows
 * @param sample   the first valid rows as they will be imported
 * @param problems the first page of problems, in file order
 * @param progress rows published and member-service's outcomes so far
 */
record ImportView(
    String id,
    String groupId,
    ImportStatus status,
    FileView file,
    MappingView mapping,
    PreviewCounts counts,
    List<SampleRow> sample,
    ProblemPage problems,
    ExistingMemberPolicy policy,
    Progress progress,
    Instant createdAt,
    Instant confirmedAt,
    Instant completedAt) {

  /**
   * The uploaded file and how it was read.
   *
   * @param encoding  the character set detected (UTF-8, UTF-16LE, windows-1252...); for a workbook, meaningless
   * @param separator {@code ;}, {@code ,} or {@code tab}; for a workbook, meaningless
   * @param sheet     the workbook's sheet read, or {@code null} for a CSV file
   * @param sheets    the workbook's sheets in its order, hidden ones marked; empty for a CSV file
   */
  record FileView(String name, long size, String encoding, String separator, String sheet, List<Sheet> sheets) {
  }

  /**
   * Which field each column holds.
   *
   * @param headerRow      whether the first row names the columns
   * @param missing        required fields no column holds yet
   * @param unknownColumns columns that are ignored
   * @param fields         every field a column can hold, for the mapping screen
   */
  record MappingView(MappingSource source, boolean headerRow, List<ColumnView> columns, List<Field> missing,
      List<String> unknownColumns, List<FieldOption> fields) {
  }

  /**
   * One column of the file.
   *
   * @param firstValue the column's header, or its first value when the file has no header row
   * @param field      the field it holds, or {@code null} when ignored
   */
  record ColumnView(int index, String letter, String firstValue, Field field, String fieldLabel) {
  }

  /** A field a column can hold, with its label in the request's language. */
  record FieldOption(Field field, String label, boolean required) {
  }

  /** One page of problems. */
  record ProblemPage(List<ProblemView> items, int page, int size, long total) {
  }

  /**
   * One problem, with the message the coordinator reads.
   *
   * @param column the column's header (or letter), empty when the problem is about the whole row
   */
  record ProblemView(long line, String column, Field field, ProblemCode code, Severity severity, String message) {
  }
}

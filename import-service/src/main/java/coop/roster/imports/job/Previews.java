package coop.roster.imports.job;

import coop.roster.imports.checking.CheckedRow;
import coop.roster.imports.checking.ColumnMapping;
import coop.roster.imports.checking.Problem;
import coop.roster.imports.roster.GroupMembers;
import coop.roster.imports.spreadsheet.SpreadsheetReader;
import coop.roster.imports.spreadsheet.UnreadableFileException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Checks a stored file and keeps what the preview shows: counts, the first rows as they will be
 * imported, every problem, and the rows left out with their values. Checking again (after a new
 * mapping) replaces all of it.
 */
@Component
class Previews {

  /** Documents written to MongoDB in one round trip. */
  private static final int WRITE_BATCH = 1000;

  private final MongoTemplate mongo;
  private final UploadedFiles files;
  private final GroupMembers members;
  private final SpreadsheetReader reader;
  private final ImportSettings settings;

  Previews(MongoTemplate mongo, UploadedFiles files, GroupMembers members, SpreadsheetReader reader,
      ImportSettings settings) {
    this.mongo = mongo;
    this.files = files;
    this.members = members;
    this.reader = reader;
    this.settings = settings;
  }

  /** What a check found. */
  record Preview(PreviewCounts counts, List<SampleRow> sample) {
  }

  /** Checks every row with a usable mapping. */
  Preview check(ImportJob job, ColumnMapping mapping) {
    forget(job.id());
    Set<String> memberEmails = members.emails(job.groupId());
    var tally = new Object() {
      long rows;
      long newMembers;
      long alreadyMembers;
      long invalid;
      long problems;
      final List<SampleRow> sample = new ArrayList<>();
      final List<ListedProblem> listed = new ArrayList<>();
      final List<RejectedRow> rejected = new ArrayList<>();
    };
    try {
      CheckedFile.read(files, job, mapping, reader, memberEmails::contains, (row, checked) -> {
        tally.rows++;
        for (Problem problem : checked.problems()) {
          tally.listed.add(ListedProblem.of(job.id(), tally.problems++, problem));
        }
        if (!checked.valid()) {
          tally.invalid++;
          tally.rejected.add(new RejectedRow(RejectedRow.id(job.id(), row.line()), job.id(), row.line(),
              CheckedFile.typed(row, mapping), checked.errors(), null));
        } else {
          if (checked.alreadyMember()) {
            tally.alreadyMembers++;
          } else {
            tally.newMembers++;
          }
          if (tally.sample.size() < settings.sampleRows()) {
            tally.sample.add(sample(checked));
          }
        }
        flush(tally.listed, ListedProblem.class, false);
        flush(tally.rejected, RejectedRow.class, false);
      });
      flush(tally.listed, ListedProblem.class, true);
      flush(tally.rejected, RejectedRow.class, true);
    } catch (RuntimeException e) {
      forget(job.id());
      throw e;
    }
    refuseWithoutMembers(tally.rows, mapping.headerRow());
    return new Preview(new PreviewCounts(tally.rows, tally.newMembers, tally.alreadyMembers, tally.invalid,
        tally.problems), tally.sample);
  }

  /** Reads the whole file without a usable mapping: file-level problems show now, not after mapping. */
  PreviewCounts count(ImportJob job, boolean headerRow) {
    long[] rows = {0};
    boolean[] first = {true};
    reader.read(files.open(job.fileId()), CheckedFile.format(job), job.sheet(), row -> {
      boolean header = first[0] && headerRow;
      first[0] = false;
      if (!header && !row.isBlank()) {
        rows[0]++;
      }
    });
    refuseWithoutMembers(rows[0], headerRow);
    return new PreviewCounts(rows[0], 0, 0, 0, 0);
  }

  /** Removes what a check of this import kept. */
  void forget(String importId) {
    mongo.remove(query(where("importId").is(importId)), ListedProblem.class);
    mongo.remove(query(where("importId").is(importId)), RejectedRow.class);
  }

  private static void refuseWithoutMembers(long rows, boolean headerRow) {
    if (rows == 0) {
      throw new UnreadableFileException(headerRow ? UnreadableFileException.Reason.HEADER_ONLY
          : UnreadableFileException.Reason.EMPTY);
    }
  }

  private <T> void flush(List<T> documents, Class<T> type, boolean last) {
    if (documents.size() >= WRITE_BATCH || last && !documents.isEmpty()) {
      mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type).insert(documents).execute();
      documents.clear();
    }
  }

  private static SampleRow sample(CheckedRow row) {
    return new SampleRow(row.line(), row.person(), row.partner(), row.address(), row.alreadyMember());
  }
}

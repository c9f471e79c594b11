package coop.roster.imports.job;

import coop.roster.events.ExistingMemberPolicy;
import coop.roster.imports.checking.ColumnMapping;
import coop.roster.imports.checking.Field;
import coop.roster.imports.checking.HeaderRecognition;
import coop.roster.imports.spreadsheet.FileFormat;
import coop.roster.imports.spreadsheet.FormatDetection;
import coop.roster.imports.spreadsheet.SpreadsheetReader;
import coop.roster.imports.web.NotFoundException;
import coop.roster.imports.web.ProblemException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** What a coordinator does with an import: upload, map the columns, confirm. */
@Service
class Imports {

  private final MongoTemplate mongo;
  private final UploadedFiles files;
  private final Previews previews;
  private final SpreadsheetReader reader;
  private final RowPublisher publisher;
  private final Clock clock;

  Imports(MongoTemplate mongo, UploadedFiles files, Previews previews, SpreadsheetReader reader,
      RowPublisher publisher, Clock clock) {
    this.mongo = mongo;
    this.files = files;
    this.previews = previews;
    this.reader = reader;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Keeps the file, recognises its columns (or uses the mapping made for the group's previous file
   * of the same shape) and checks every row; a file that cannot be imported at all is refused and
   * nothing of it is kept.
   */
  ImportJob upload(String groupId, String fileName, InputStream content, String user) {
    String id = UUID.randomUUID().toString();
    UploadedFiles.Stored stored = files.store(content, fileName, id);
    try {
      FileFormat format = FormatDetection.detect(stored.profile());
      ImportJob job = new ImportJob(id, groupId, fileName, stored.fileId(), stored.size(), format.charset().name(),
          format.bomLength(), format.separatorName(), user, clock.instant(), ImportStatus.NEEDS_MAPPING, List.of(),
          null, null, PreviewCounts.NONE, List.of(), null, null, null, 0, Progress.NONE, null, null, null, null);
      List<String> firstRow = reader.firstRow(files.open(stored.fileId()), format);
      ColumnMapping mapping = HeaderRecognition.propose(firstRow);
      MappingSource source = MappingSource.HEADERS;
      if (!mapping.usable()) {
        ColumnMapping remembered = remembered(groupId, firstRow);
        if (remembered != null) {
          mapping = remembered;
          source = MappingSource.REMEMBERED;
        }
      }
      // The whole file is read once before anything is written: a file that cannot be imported
      // (too many rows, a line too long, unreadable bytes) is refused before its rows are checked.
      PreviewCounts rows = previews.count(job, mapping.headerRow());
      job = mapping.usable() ? withMapping(job, firstRow, mapping, source)
          : copy(job, firstRow, mapping, source, ImportStatus.NEEDS_MAPPING, rows, List.of());
      mongo.insert(job);
      return job;
    } catch (RuntimeException e) {
      files.delete(stored.fileId());
      previews.forget(id);
      throw e;
    }
  }

  /** The coordinator's mapping: checked again, and remembered for the group's next file of this shape. */
  ImportJob map(String groupId, String importId, ColumnMapping mapping) {
    ImportJob job = find(groupId, importId);
    if (job.status() != ImportStatus.NEEDS_MAPPING && job.status() != ImportStatus.READY) {
      throw new ProblemException(HttpStatus.CONFLICT, "import.mapping.tooLate");
    }
    refuseUnusable(mapping, job.firstRow().size());
    ImportJob checked = withMapping(job, job.firstRow(), mapping, MappingSource.COORDINATOR);
    mongo.save(checked);
    String signature = HeaderRecognition.signature(job.firstRow(), mapping.headerRow());
    mongo.save(new RememberedMapping(RememberedMapping.id(groupId, signature), groupId, mapping, clock.instant()));
    return checked;
  }

  /**
   * Starts publishing the valid rows. Confirming again with the same choice (a double click, a
   * retried request) answers the import as it is; only one confirmation ever starts publishing.
   */
  ImportJob confirm(String groupId, String importId, ExistingMemberPolicy policy, String user) {
    ImportJob job = find(groupId, importId);
    if (job.status() == ImportStatus.READY && job.counts().valid() == 0) {
      throw new ProblemException(HttpStatus.CONFLICT, "import.confirmation.nothingToImport");
    }
    ImportJob confirmed = mongo.findAndModify(
        query(where("_id").is(importId).and("status").is(ImportStatus.READY)),
        new Update().set("status", ImportStatus.PUBLISHING).set("policy", policy).set("confirmedBy", user)
            .set("confirmedAt", clock.instant()),
        FindAndModifyOptions.options().returnNew(true), ImportJob.class);
    if (confirmed != null) {
      publisher.wake();
      return confirmed;
    }
    ImportJob current = find(groupId, importId);
    return switch (current.status()) {
      case NEEDS_MAPPING -> throw new ProblemException(HttpStatus.CONFLICT, "import.confirmation.needsMapping");
      case ABANDONED -> throw new ProblemException(HttpStatus.CONFLICT, "import.confirmation.abandoned");
      case READY -> throw new IllegalStateException("import " + importId + " changed while being confirmed");
      case PUBLISHING, PUBLISHED, COMPLETED -> {
        if (current.policy() != policy) {
          throw new ProblemException(HttpStatus.CONFLICT, Map.of("policy", current.policy()),
              "import.confirmation.already");
        }
        yield current;
      }
    };
  }

  ImportJob find(String groupId, String importId) {
    ImportJob job = mongo.findById(importId, ImportJob.class);
    if (job == null || !job.groupId().equals(groupId)) {
      throw new NotFoundException("import.notFound", importId);
    }
    return job;
  }

  private ColumnMapping remembered(String groupId, List<String> firstRow) {
    for (boolean headerRow : new boolean[] {true, false}) {
      RememberedMapping remembered = mongo.findById(
          RememberedMapping.id(groupId, HeaderRecognition.signature(firstRow, headerRow)), RememberedMapping.class);
      if (remembered != null && remembered.mapping().usable()) {
        return remembered.mapping();
      }
    }
    return null;
  }

  private ImportJob withMapping(ImportJob job, List<String> firstRow, ColumnMapping mapping, MappingSource source) {
    Previews.Preview preview = previews.check(job, mapping);
    return copy(job, firstRow, mapping, source, ImportStatus.READY, preview.counts(), preview.sample());
  }

  private static ImportJob copy(ImportJob job, List<String> firstRow, ColumnMapping mapping, MappingSource source,
      ImportStatus status, PreviewCounts counts, List<SampleRow> sample) {
    return new ImportJob(job.id(), job.groupId(), job.fileName(), job.fileId(), job.fileSize(), job.charset(),
        job.bomLength(), job.separator(), job.createdBy(), job.createdAt(), status, firstRow, mapping, source, counts,
        sample, job.policy(), job.confirmedBy(), job.confirmedAt(), job.publishedThrough(), job.progress(),
        job.leaseOwner(), job.leaseUntil(), job.publishedAt(), job.completedAt());
  }

  /** A mapping must name the three required fields, each once, within the file's columns. */
  private static void refuseUnusable(ColumnMapping mapping, int columnCount) {
    Map<String, Object> errors = new LinkedHashMap<>();
    if (mapping.columns().size() > Math.max(columnCount, 1)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, Map.of("columns", columnCount),
          "import.mapping.tooManyColumns", columnCount);
    }
    List<Field> missing = List.copyOf(mapping.missingRequired());
    List<Field> duplicated = List.copyOf(mapping.duplicated());
    if (!missing.isEmpty() || !duplicated.isEmpty()) {
      errors.put("missing", missing.stream().map(Field::name).toList());
      errors.put("duplicated", duplicated.stream().map(Field::name).toList());
      Field named = missing.isEmpty() ? duplicated.getFirst() : missing.getFirst();
      throw new ProblemException(HttpStatus.BAD_REQUEST, errors,
          missing.isEmpty() ? "import.mapping.duplicated" : "import.mapping.missing",
          new DefaultMessageSourceResolvable(named.messageKey()));
    }
  }
}

package coop.roster.imports.job;

import coop.roster.events.ExistingMemberPolicy;
import coop.roster.imports.checking.ColumnMapping;
import coop.roster.imports.checking.Field;
import coop.roster.imports.checking.HeaderRecognition;
import coop.roster.imports.spreadsheet.FileFormat;
import coop.roster.imports.spreadsheet.FormatDetection;
import coop.roster.imports.spreadsheet.Sheet;
import coop.roster.imports.spreadsheet.SpreadsheetReader;
import coop.roster.imports.web.NotFoundException;
import coop.roster.imports.web.ProblemException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
  private final ImportSettings settings;
  private final Clock clock;

  Imports(MongoTemplate mongo, UploadedFiles files, Previews previews, SpreadsheetReader reader,
      RowPublisher publisher, ImportSettings settings, Clock clock) {
    this.mongo = mongo;
    this.files = files;
    this.previews = previews;
    this.reader = reader;
    this.publisher = publisher;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Keeps the file, recognises its columns (or uses the mapping made for the group's previous file
   * of the same shape) and checks every row; a file that cannot be imported at all is refused and
   * nothing of it is kept.
   */
  ImportJob upload(String groupId, String fileName, InputStream content, String user) {
    refuseTooManyPending(groupId);
    String id = UUID.randomUUID().toString();
    UploadedFiles.Stored stored = files.store(content, fileName, id);
    try {
      FileFormat format = FormatDetection.detect(stored.profile());
      List<Sheet> sheets = reader.sheets(files.open(stored.fileId()));
      // The sheet a spreadsheet opens on: the first not hidden.
      String sheet = sheets.stream().filter(candidate -> !candidate.hidden()).map(Sheet::name).findFirst()
          .orElse(null);
      ImportJob job = new ImportJob(id, groupId, fileName, stored.fileId(), stored.size(), format.charset().name(),
          format.bomLength(), format.separatorName(), user, clock.instant(), ImportStatus.NEEDS_MAPPING, List.of(),
          null, null, PreviewCounts.NONE, List.of(), null, null, null, 0, Progress.NONE, null, null, null, null, null, 0,
          null, sheet, sheets);
      job = read(job);
      mongo.insert(job);
      return job;
    } catch (RuntimeException e) {
      files.delete(stored.fileId());
      previews.forget(id);
      throw e;
    }
  }

  /**
   * The job's file read from its sheet: columns recognised (or the group's remembered mapping), every row checked.
   * The whole file is read once before anything is written: a file that cannot be imported (too many rows, a line
   * too long, unreadable bytes) is refused before its rows are checked.
   */
  private ImportJob read(ImportJob job) {
    List<String> firstRow = reader.firstRow(files.open(job.fileId()), CheckedFile.format(job), job.sheet());
    ColumnMapping mapping = HeaderRecognition.propose(firstRow);
    MappingSource source = MappingSource.HEADERS;
    if (!mapping.usable()) {
      ColumnMapping remembered = remembered(job.groupId(), firstRow);
      if (remembered != null) {
        mapping = remembered;
        source = MappingSource.REMEMBERED;
      }
    }
    PreviewCounts rows = previews.count(job, mapping.headerRow());
    return mapping.usable() ? withMapping(job, firstRow, mapping, source)
        : copy(job, firstRow, mapping, source, ImportStatus.NEEDS_MAPPING, rows, List.of());
  }

  /**
   * Another sheet of the workbook, chosen on the preview: read and checked afresh, as on upload. Held as a new
   * mapping is (no confirmation meanwhile); a confirmed import keeps its sheet. A sheet the workbook does not have
   * is refused and changes nothing.
   */
  ImportJob chooseSheet(String groupId, String importId, String sheet) {
    ImportJob job = find(groupId, importId);
    if (!unconfirmed(job.status())) {
      throw new ProblemException(HttpStatus.CONFLICT, Map.of("status", job.status()), "import.sheet.tooLate");
    }
    if (job.sheets() == null || job.sheets().stream().noneMatch(candidate -> candidate.name().equals(sheet))) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, Map.of("sheet", String.valueOf(sheet)),
          "import.sheet.unknown", String.valueOf(sheet));
    }
    if (sheet.equals(job.sheet())) {
      return job;
    }
    Instant checkingUntil = checkingUntil();
    ImportJob held = hold(groupId, importId, checkingUntil, "import.sheet.tooLate");
    ImportJob checked;
    try {
      checked = read(withSheet(held, sheet));
    } catch (RuntimeException e) {
      // The sheet cannot be imported (empty, too many rows...): the import stays on the sheet it had.
      previews.forget(importId);
      try {
        read(held);
      } finally {
        release(importId, checkingUntil);
      }
      throw e;
    }
    var kept = mongo.updateFirst(
        query(where("_id").is(importId).and("checkingUntil").is(checkingUntil)
            .and("status").in(ImportStatus.NEEDS_MAPPING, ImportStatus.READY)),
        new Update().set("status", checked.status()).set("sheet", sheet).set("firstRow", checked.firstRow())
            .set("mapping", checked.mapping()).set("mappingSource", checked.mappingSource())
            .set("counts", checked.counts()).set("sample", checked.sample()).unset("checkingUntil"),
        ImportJob.class);
    if (kept.getMatchedCount() == 0) {
      throw new ProblemException(HttpStatus.CONFLICT, "import.sheet.tooLate");
    }
    return find(groupId, importId);
  }

  private static ImportJob withSheet(ImportJob job, String sheet) {
    return new ImportJob(job.id(), job.groupId(), job.fileName(), job.fileId(), job.fileSize(), job.charset(),
        job.bomLength(), job.separator(), job.createdBy(), job.createdAt(), job.status(), job.firstRow(),
        job.mapping(), job.mappingSource(), job.counts(), job.sample(), job.policy(), job.confirmedBy(),
        job.confirmedAt(), job.publishedThrough(), job.progress(), job.leaseOwner(), job.leaseUntil(),
        job.publishedAt(), job.completedAt(), job.lastProgressAt(), job.republished(), job.checkingUntil(), sheet,
        job.sheets());
  }

  /**
   * The coordinator's mapping: checked again, and remembered for the group's next file of this shape. The job
   * is held while the file is checked (no confirmation meanwhile) and the result is kept only if the job is
   * still unconfirmed: a mapping never changes a confirmed import.
   */
  ImportJob map(String groupId, String importId, ColumnMapping mapping) {
    ImportJob job = find(groupId, importId);
    if (!unconfirmed(job.status())) {
      throw new ProblemException(HttpStatus.CONFLICT, Map.of("status", job.status()), "import.mapping.tooLate");
    }
    refuseUnusable(mapping, job.firstRow().size());
    Instant checkingUntil = checkingUntil();
    ImportJob held = hold(groupId, importId, checkingUntil, "import.mapping.tooLate");
    ImportJob checked;
    try {
      checked = withMapping(held, held.firstRow(), mapping, MappingSource.COORDINATOR);
    } catch (RuntimeException e) {
      release(importId, checkingUntil);
      throw e;
    }
    var kept = mongo.updateFirst(
        query(where("_id").is(importId).and("checkingUntil").is(checkingUntil)
            .and("status").in(ImportStatus.NEEDS_MAPPING, ImportStatus.READY)),
        new Update().set("status", checked.status()).set("mapping", checked.mapping())
            .set("mappingSource", checked.mappingSource()).set("counts", checked.counts())
            .set("sample", checked.sample()).unset("checkingUntil"), ImportJob.class);
    if (kept.getMatchedCount() == 0) {
      // held longer than the lease: confirmed meanwhile
      throw new ProblemException(HttpStatus.CONFLICT, "import.mapping.tooLate");
    }
    String signature = HeaderRecognition.signature(job.firstRow(), mapping.headerRow());
    mongo.save(new RememberedMapping(RememberedMapping.id(groupId, signature), groupId, mapping, clock.instant()));
    return find(groupId, importId);
  }

  /** The end of a hold taken now, stored to the millisecond: the value compared later must be the stored one. */
  private Instant checkingUntil() {
    return clock.instant().plus(settings.lease()).truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Holds an unconfirmed job until {@code checkingUntil} while its file is checked again (no confirmation
   * meanwhile); 409 when another check holds it ("busy") or it was confirmed ({@code tooLate}).
   */
  private ImportJob hold(String groupId, String importId, Instant checkingUntil, String tooLate) {
    Instant now = clock.instant();
    ImportJob held = mongo.findAndModify(
        query(where("_id").is(importId).and("status").in(ImportStatus.NEEDS_MAPPING, ImportStatus.READY)
            .orOperator(where("checkingUntil").isNull(), where("checkingUntil").lt(now))),
        new Update().set("checkingUntil", checkingUntil), FindAndModifyOptions.options().returnNew(true),
        ImportJob.class);
    if (held == null) {
      ImportJob current = find(groupId, importId);
      throw new ProblemException(HttpStatus.CONFLICT, Map.of("status", current.status()),
          unconfirmed(current.status()) ? "import.mapping.busy" : tooLate);
    }
    return held;
  }

  private void release(String importId, Instant checkingUntil) {
    mongo.updateFirst(query(where("_id").is(importId).and("checkingUntil").is(checkingUntil)),
        new Update().unset("checkingUntil"), ImportJob.class);
  }

  private static boolean unconfirmed(ImportStatus status) {
    return status == ImportStatus.NEEDS_MAPPING || status == ImportStatus.READY;
  }

  /**
   * A group keeps at most so many uploads neither confirmed nor abandoned: the next one is refused until one
   * of them is confirmed or given up. Two uploads at the very same moment may both pass the count.
   */
  private void refuseTooManyPending(String groupId) {
    long pending = mongo.count(query(where("groupId").is(groupId)
        .and("status").in(ImportStatus.NEEDS_MAPPING, ImportStatus.READY)), ImportJob.class);
    if (pending >= settings.maxPendingPerGroup()) {
      throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, Map.of("pending", pending,
          "maxPending", settings.maxPendingPerGroup()), "import.upload.tooManyPending", pending);
    }
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
    Instant now = clock.instant();
    ImportJob confirmed = mongo.findAndModify(
        query(where("_id").is(importId).and("status").is(ImportStatus.READY)
            .orOperator(where("checkingUntil").isNull(), where("checkingUntil").lt(now))),
        new Update().set("status", ImportStatus.PUBLISHING).set("policy", policy).set("confirmedBy", user)
            .set("confirmedAt", now).set("lastProgressAt", now),
        FindAndModifyOptions.options().returnNew(true), ImportJob.class);
    if (confirmed != null) {
      publisher.wake();
      return confirmed;
    }
    ImportJob current = find(groupId, importId);
    return switch (current.status()) {
      case NEEDS_MAPPING -> throw new ProblemException(HttpStatus.CONFLICT, "import.confirmation.needsMapping");
      case ABANDONED -> throw new ProblemException(HttpStatus.CONFLICT, "import.confirmation.abandoned");
      case READY -> throw new ProblemException(HttpStatus.CONFLICT, "import.confirmation.checking");
      case PUBLISHING, PUBLISHED, INCOMPLETE, COMPLETED -> {
        if (current.policy() != policy) {
          throw new ProblemException(HttpStatus.CONFLICT, Map.of("policy", current.policy()),
              "import.confirmation.already");
        }
        yield current;
      }
    };
  }

  /**
   * Gives up an import not confirmed yet, at the coordinator's request: its file is deleted and it no longer
   * counts among the group's pending uploads. Cancelling again answers the import as it is.
   */
  ImportJob cancel(String groupId, String importId) {
    find(groupId, importId);
    ImportJob cancelled = mongo.findAndModify(
        query(where("_id").is(importId).and("status").in(ImportStatus.NEEDS_MAPPING, ImportStatus.READY)),
        new Update().set("status", ImportStatus.ABANDONED).set("completedAt", clock.instant()),
        FindAndModifyOptions.options().returnNew(true), ImportJob.class);
    if (cancelled != null) {
      files.delete(cancelled.fileId());
      mongo.updateFirst(query(where("_id").is(importId)), new Update().unset("fileId"), ImportJob.class);
      return find(groupId, importId);
    }
    ImportJob current = find(groupId, importId);
    if (current.status() != ImportStatus.ABANDONED) {
      throw new ProblemException(HttpStatus.CONFLICT, Map.of("status", current.status()), "import.cancel.tooLate");
    }
    return current;
  }

  /**
   * Publishes again, with the same event ids, the rows of an incomplete import that got no outcome, and puts
   * the import back in progress. Asking again (a double click, a retried request, another replica) answers the
   * import as it is: only one request moves it back.
   */
  ImportJob republish(String groupId, String importId) {
    find(groupId, importId);
    ImportJob again = mongo.findAndModify(
        query(where("_id").is(importId).and("status").is(ImportStatus.INCOMPLETE)),
        RowPublisher.publishAgain(clock.instant()), FindAndModifyOptions.options().returnNew(true), ImportJob.class);
    if (again != null) {
      publisher.wake();
      return again;
    }
    ImportJob current = find(groupId, importId);
    return switch (current.status()) {
      case PUBLISHING, PUBLISHED, COMPLETED -> current;
      case NEEDS_MAPPING, READY -> throw new ProblemException(HttpStatus.CONFLICT, "import.republish.notConfirmed");
      case ABANDONED -> throw new ProblemException(HttpStatus.CONFLICT, "import.confirmation.abandoned");
      case INCOMPLETE -> throw new IllegalStateException("import " + importId + " changed while published again");
    };
  }

  /** One page of the group's imports, newest first. */
  ImportHistory history(String groupId, int page, int size) {
    long total = mongo.count(query(where("groupId").is(groupId)), ImportJob.class);
    List<ImportHistory.Entry> items = mongo.find(query(where("groupId").is(groupId))
            .with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "_id")))
            .skip((long) page * size).limit(size), ImportJob.class).stream()
        .map(ImportHistory.Entry::of).toList();
    return new ImportHistory(items, page, size, total);
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
        job.leaseOwner(), job.leaseUntil(), job.publishedAt(), job.completedAt(), job.lastProgressAt(),
        job.republished(), job.checkingUntil(), job.sheet(), job.sheets());
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

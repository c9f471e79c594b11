package coop.roster.imports.job;

import coop.roster.events.ImportRowOutcome.Outcome;
import coop.roster.imports.spreadsheet.Row;
import coop.roster.imports.spreadsheet.SpreadsheetReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Ends an import once every published row has its outcome: the rows member-service refused join
 * the rejected rows (with their values, read from the file one last time), then the file is
 * deleted. An import whose outcomes stop coming has its rows without outcome published again (same
 * event ids) a configured number of times, then ends as incomplete: its report lists those rows, and its
 * file is kept for the coordinator to publish them again. Every step can run twice, on two replicas,
 * without harm.
 */
@Component
class ImportCompletion {

  private static final Logger LOG = LoggerFactory.getLogger(ImportCompletion.class);

  /** Rows listed as not confirmed per write. */
  private static final int WRITE_BATCH = 1000;

  private final MongoTemplate mongo;
  private final UploadedFiles files;
  private final SpreadsheetReader reader;
  private final ImportSettings settings;
  private final Clock clock;

  ImportCompletion(MongoTemplate mongo, UploadedFiles files, SpreadsheetReader reader, ImportSettings settings,
      Clock clock) {
    this.mongo = mongo;
    this.files = files;
    this.settings = settings;
    this.reader = reader;
    this.clock = clock;
  }

  void completeIfDone(String importId) {
    ImportJob job = mongo.findById(importId, ImportJob.class);
    if (job != null) {
      completeIfDone(job);
    }
  }

  void completeIfDone(ImportJob job) {
    if (!awaitingOutcomes(job.status()) || job.progress().processed() < job.progress().published()) {
      return;
    }
    complete(job, job.progress().rejected(), new Update());
  }

  /**
   * Completes a job from its outcomes themselves, for a job whose counters missed some (a replica
   * stopped between recording outcomes and counting them). The exact counts replace the counters
   * in the same write that ends the job; counts still on their way are then dropped, as they are
   * already in these.
   */
  void recount(ImportJob job) {
    Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      counts.put(outcome, mongo.count(query(where("importId").is(job.id()).and("outcome").is(outcome)),
          RowOutcome.class));
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    if (!awaitingOutcomes(job.status()) || total < job.progress().published()) {
      return;
    }
    long partners = mongo.count(query(where("importId").is(job.id()).and("partnerMemberId").ne(null)),
        RowOutcome.class);
    complete(job, counts.get(Outcome.REJECTED), new Update()
        .set("progress.partners", partners)
        .set("progress.created", counts.get(Outcome.CREATED))
        .set("progress.updated", counts.get(Outcome.UPDATED))
        .set("progress.alreadyMembers", counts.get(Outcome.ALREADY_MEMBER))
        .set("progress.rejected", counts.get(Outcome.REJECTED)));
  }

  /**
   * Ends a published import whose outcomes stopped coming before {@code quietSince}: once its counters are
   * checked against the outcomes kept, its rows without outcome are published again if it has automatic
   * attempts left; otherwise they are listed as not confirmed (with the rows member-service refused so far),
   * and the import becomes incomplete, unless an outcome came meanwhile.
   */
  void giveUpWaiting(ImportJob stalled, Instant quietSince) {
    recount(stalled);
    ImportJob job = mongo.findById(stalled.id(), ImportJob.class);
    if (job == null || job.status() != ImportStatus.PUBLISHED || job.fileId() == null) {
      return;
    }
    if (job.republished() < settings.automaticRepublishes()) {
      // The outage that lost them may be over: publish the rows again before asking the coordinator.
      var again = mongo.updateFirst(query(where("_id").is(job.id()).and("status").is(ImportStatus.PUBLISHED))
          .addCriteria(quiet(quietSince)), RowPublisher.publishAgain(clock.instant()), ImportJob.class);
      if (again.getModifiedCount() == 1) {
        LOG.warn("import {}: {} of {} rows without outcome since {}; publishing them again", job.id(),
            job.progress().published() - job.progress().processed(), job.progress().published(),
            job.lastProgressAt());
      }
      return;
    }
    Set<Long> answered = new HashSet<>();
    Map<Long, String> reasons = new HashMap<>();
    try (var outcomes = mongo.stream(query(where("importId").is(job.id())), RowOutcome.class)) {
      outcomes.forEach(outcome -> {
        answered.add(outcome.line());
        if (outcome.outcome() == Outcome.REJECTED) {
          reasons.put(outcome.line(), outcome.reason());
        }
      });
    }
    // Listed afresh each time: the rows are the same whoever lists them, so two replicas doing it end alike.
    mongo.remove(query(where("importId").is(job.id())), UnconfirmedRow.class);
    List<UnconfirmedRow> unconfirmed = new ArrayList<>();
    long[] count = {0};
    CheckedFile.read(files, job, job.mapping(), reader, email -> false, (row, checked) -> {
      String reason = reasons.get(row.line());
      if (reason != null) {
        mongo.save(refused(job, row, reason));
      } else if (checked.valid() && !answered.contains(row.line())) {
        unconfirmed.add(new UnconfirmedRow(UnconfirmedRow.id(job.id(), row.line()), job.id(), row.line(),
            CheckedFile.typed(row, job.mapping())));
        count[0]++;
        if (unconfirmed.size() == WRITE_BATCH) {
          keep(unconfirmed);
        }
      }
    });
    keep(unconfirmed);
    var incomplete = mongo.updateFirst(query(where("_id").is(job.id()).and("status").is(ImportStatus.PUBLISHED))
            .addCriteria(quiet(quietSince)),
        new Update().set("status", ImportStatus.INCOMPLETE), ImportJob.class);
    if (incomplete.getModifiedCount() == 1) {
      LOG.warn("import {}: {} rows got no outcome since {}; reported as not confirmed", job.id(), count[0],
          job.lastProgressAt());
    }
  }

  /** Jobs with no progress since then (jobs from before the bound counted from their publication). */
  static Criteria quiet(Instant since) {
    return new Criteria().orOperator(where("lastProgressAt").lt(since),
        where("lastProgressAt").isNull().and("publishedAt").lt(since));
  }

  /** Upserts rather than inserts: another replica may be listing the same rows at the same moment. */
  private void keep(List<UnconfirmedRow> rows) {
    if (!rows.isEmpty()) {
      BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, UnconfirmedRow.class);
      rows.forEach(row -> writes.replaceOne(query(where("_id").is(row.id())), row,
          FindAndReplaceOptions.options().upsert()));
      writes.execute();
      rows.clear();
    }
  }

  private static boolean awaitingOutcomes(ImportStatus status) {
    return status == ImportStatus.PUBLISHED || status == ImportStatus.INCOMPLETE;
  }

  private void complete(ImportJob job, long rejected, Update update) {
    keepRefusedRows(job, rejected);
    var ended = mongo.updateFirst(query(where("_id").is(job.id())
            .and("status").in(ImportStatus.PUBLISHED, ImportStatus.INCOMPLETE)),
        update.set("status", ImportStatus.COMPLETED).set("completedAt", clock.instant()), ImportJob.class);
    mongo.remove(query(where("importId").is(job.id())), UnconfirmedRow.class);
    deleteFile(job);
    if (ended.getModifiedCount() == 1) {
      LOG.info("import {} completed", job.id());
    }
  }

  void deleteFile(ImportJob job) {
    if (job.fileId() != null) {
      files.delete(job.fileId());
      mongo.updateFirst(query(where("_id").is(job.id())), new Update().unset("fileId"), ImportJob.class);
    }
  }

  private void keepRefusedRows(ImportJob job, long rejected) {
    if (job.fileId() == null || rejected == 0) {
      return;
    }
    Map<Long, String> reasons = new HashMap<>();
    List<RowOutcome> refused = mongo.find(
        query(where("importId").is(job.id()).and("outcome").is(Outcome.REJECTED)), RowOutcome.class);
    refused.forEach(outcome -> reasons.put(outcome.line(), outcome.reason()));
    CheckedFile.read(files, job, job.mapping(), reader, email -> false, (row, checked) -> {
      String reason = reasons.get(row.line());
      if (reason != null) {
        mongo.save(refused(job, row, reason));
      }
    });
  }

  private static RejectedRow refused(ImportJob job, Row row, String reason) {
    return new RejectedRow(RejectedRow.id(job.id(), row.line()), job.id(), row.line(),
        CheckedFile.typed(row, job.mapping()), List.of(), reason);
  }
}

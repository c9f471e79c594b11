package coop.roster.imports.job;

import coop.roster.events.ImportRowOutcome.Outcome;
import coop.roster.imports.spreadsheet.SpreadsheetReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Ends an import once every published row has its outcome: the rows member-service refused join
 * the rejected rows (with their values, read from the file one last time), then the file is
 * deleted. Every step can run twice, on two replicas, without harm.
 */
@Component
class ImportCompletion {

  private static final Logger LOG = LoggerFactory.getLogger(ImportCompletion.class);

  private final MongoTemplate mongo;
  private final UploadedFiles files;
  private final SpreadsheetReader reader;
  private final Clock clock;

  ImportCompletion(MongoTemplate mongo, UploadedFiles files, SpreadsheetReader reader, Clock clock) {
    this.mongo = mongo;
    this.files = files;
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
    if (job.status() != ImportStatus.PUBLISHED || job.progress().processed() < job.progress().published()) {
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
    if (job.status() != ImportStatus.PUBLISHED || total < job.progress().published()) {
      return;
    }
    complete(job, counts.get(Outcome.REJECTED), new Update()
        .set("progress.created", counts.get(Outcome.CREATED))
        .set("progress.updated", counts.get(Outcome.UPDATED))
        .set("progress.alreadyMembers", counts.get(Outcome.ALREADY_MEMBER))
        .set("progress.rejected", counts.get(Outcome.REJECTED)));
  }

  private void complete(ImportJob job, long rejected, Update update) {
    keepRefusedRows(job, rejected);
    var ended = mongo.updateFirst(query(where("_id").is(job.id()).and("status").is(ImportStatus.PUBLISHED)),
        update.set("status", ImportStatus.COMPLETED).set("completedAt", clock.instant()), ImportJob.class);
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
        mongo.save(new RejectedRow(RejectedRow.id(job.id(), row.line()), job.id(), row.line(),
            CheckedFile.typed(row, job.mapping()), List.of(), reason));
      }
    });
  }
}

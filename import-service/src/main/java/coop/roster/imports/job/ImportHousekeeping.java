package coop.roster.imports.job;

import coop.roster.imports.roster.GroupMembers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * What every replica does now and then, harmlessly at the same time as the others: finish jobs
 * whose last outcome was missed, report as incomplete the jobs whose outcomes stopped coming, give up
 * previews never confirmed, delete ended jobs' files and, after the retention period, the jobs
 * themselves (an incomplete job keeps its file until then, for "publish again").
 */
@Component
class ImportHousekeeping {

  private static final Logger LOG = LoggerFactory.getLogger(ImportHousekeeping.class);

  private final MongoTemplate mongo;
  private final ImportCompletion completion;
  private final UploadedFiles files;
  private final ImportSettings settings;
  private final GroupMembers members;
  private final Clock clock;

  ImportHousekeeping(MongoTemplate mongo, ImportCompletion completion, UploadedFiles files, ImportSettings settings,
      GroupMembers members, Clock clock) {
    this.members = members;
    this.mongo = mongo;
    this.completion = completion;
    this.files = files;
    this.settings = settings;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${roster.imports.poll}", initialDelayString = "${roster.imports.poll}")
  void finishPublishedJobs() {
    Instant quiet = clock.instant().minus(settings.lease());
    // Only a job whose outcomes stopped coming: recounting one still counting scanned its outcomes five times every
    // poll (mongo-java-server has no index on them), most of the local store's work during a large import.
    for (ImportJob job : mongo.find(query(where("status").is(ImportStatus.PUBLISHED).and("publishedAt").lt(quiet))
        .addCriteria(ImportCompletion.quiet(quiet)), ImportJob.class)) {
      completion.recount(job);
    }
    Instant stalled = clock.instant().minus(settings.outcomeTimeout());
    for (ImportJob job : mongo.find(query(where("status").is(ImportStatus.PUBLISHED))
        .addCriteria(ImportCompletion.quiet(stalled)), ImportJob.class)) {
      completion.giveUpWaiting(job, stalled);
    }
  }

  @Scheduled(fixedDelayString = "${roster.imports.housekeeping}", initialDelayString = "${roster.imports.poll}")
  void tidy() {
    Instant now = clock.instant();
    for (ImportJob job : mongo.find(query(where("status").in(ImportStatus.NEEDS_MAPPING, ImportStatus.READY)
        .and("createdAt").lt(now.minus(settings.abandonAfter()))), ImportJob.class)) {
      var abandoned = mongo.updateFirst(query(where("_id").is(job.id()).and("status").is(job.status())),
          new Update().set("status", ImportStatus.ABANDONED).set("completedAt", now), ImportJob.class);
      if (abandoned.getModifiedCount() == 1) {
        completion.deleteFile(job);
      }
    }
    for (ImportJob job : mongo.find(query(where("status").in(ImportStatus.COMPLETED, ImportStatus.ABANDONED)
        .and("fileId").ne(null)), ImportJob.class)) {
      completion.deleteFile(job);
    }
    List<ImportJob> expired = mongo.find(query(where("createdAt").lt(now.minus(settings.retention()))),
        ImportJob.class);
    for (ImportJob job : expired) {
      files.delete(job.fileId());
      for (Class<?> kept : List.of(ListedProblem.class, RejectedRow.class, RowOutcome.class,
          UnconfirmedRow.class)) {
        mongo.remove(query(where("importId").is(job.id())), kept);
      }
      mongo.remove(query(where("_id").is(job.id())), ImportJob.class);
    }
    // Tombstones of erased members outlive every event a topic still keeps about them (see README, retention).
    members.purgeTombstonesBefore(now.minus(settings.retention()));
    if (!expired.isEmpty()) {
      LOG.info("deleted {} imports older than {}", expired.size(), settings.retention());
    }
  }
}

package coop.roster.imports.job;

import coop.roster.events.MemberCreated;
import coop.roster.imports.checking.CheckedRow;
import coop.roster.imports.spreadsheet.SpreadsheetReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Publishes one {@code MemberCreated} per valid row of confirmed imports, exactly once per row
 * across restarts: a replica takes a job under a lease, publishes its rows in file order by
 * batches, and saves after each batch, once Kafka acknowledged all of it, the line it got to;
 * whoever takes the job next resumes after that line. Stopping the service ends the batch under way
 * before it lets go of the job, so a restart sends no row twice; a crash can send the last batch
 * again, with the same event ids, which member-service recognises. An import published again (see
 * {@link Imports#republish}) goes through its file once more and sends only the rows still without
 * an outcome, with their first event ids.
 */
@Component
class RowPublisher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(RowPublisher.class);

  private final MongoTemplate mongo;
  private final UploadedFiles files;
  private final SpreadsheetReader reader;
  private final AcknowledgedEvents events;
  private final ImportCompletion completion;
  private final ImportSettings settings;
  private final Clock clock;
  private final String replica = UUID.randomUUID().toString();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private ExecutorService worker;
  private volatile boolean running;

  RowPublisher(MongoTemplate mongo, UploadedFiles files, SpreadsheetReader reader, AcknowledgedEvents events,
      ImportCompletion completion, ImportSettings settings, Clock clock) {
    this.mongo = mongo;
    this.files = files;
    this.reader = reader;
    this.events = events;
    this.completion = completion;
    this.settings = settings;
    this.clock = clock;
  }

  /** The id every replica gives a row's event: a row sent again is recognisable as the same. */
  static UUID eventId(String importId, long line) {
    return UUID.nameUUIDFromBytes((importId + ":" + line).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Puts an import back in the publishers' hands to send its rows without an outcome again, with their first
   * event ids; the outcome bound counts again from now.
   */
  static Update publishAgain(Instant now) {
    return new Update().set("status", ImportStatus.PUBLISHING).set("publishedThrough", 0L).inc("republished", 1)
        .set("lastProgressAt", now).unset("completedAt").unset("leaseOwner").unset("leaseUntil");
  }

  /** Looks for confirmed imports now, rather than at the next poll. */
  void wake() {
    if (running && scheduled.compareAndSet(false, true)) {
      worker.execute(this::publishWaitingJobs);
    }
  }

  @Scheduled(fixedDelayString = "${roster.imports.poll}", initialDelayString = "${roster.imports.poll}")
  void poll() {
    wake();
  }

  private void publishWaitingJobs() {
    scheduled.set(false);
    ImportJob job;
    while (running && (job = claim()) != null) {
      try {
        publish(job);
      } catch (Stopped e) {
        LOG.info("import {}: stopped after line {}, to be resumed", job.id(), e.line);
      } catch (RuntimeException e) {
        LOG.warn("import {}: publishing interrupted, to be resumed: {}", job.id(), e.toString());
        release(job.id());
        return;  // the next poll tries again
      }
    }
  }

  /** Takes a confirmed job no replica holds (or whose holder stopped renewing its lease). */
  private ImportJob claim() {
    var now = clock.instant();
    return mongo.findAndModify(
        query(where("status").is(ImportStatus.PUBLISHING)
            .orOperator(where("leaseUntil").isNull(), where("leaseUntil").lt(now))),
        new Update().set("leaseOwner", replica).set("leaseUntil", now.plus(settings.lease())),
        FindAndModifyOptions.options().returnNew(true), ImportJob.class);
  }

  private void publish(ImportJob job) {
    long resumeAfter = job.publishedThrough();
    boolean again = job.republished() > 0;
    Set<Long> answered = again ? answeredLines(job.id()) : Set.of();
    List<MemberCreated> batch = new ArrayList<>(settings.publishBatch());
    long[] lastLine = {resumeAfter};
    CheckedFile.read(files, job, job.mapping(), reader, email -> false, (row, checked) -> {
      if (!checked.valid() || row.line() <= resumeAfter || answered.contains(row.line())) {
        return;
      }
      if (!running) {
        release(job.id());
        throw new Stopped(lastLine[0]);
      }
      batch.add(event(job, checked));
      if (batch.size() == settings.publishBatch()) {
        sendAndSave(job, batch, row.line(), again);
        lastLine[0] = row.line();
        batch.clear();
      }
    });
    if (!batch.isEmpty()) {
      sendAndSave(job, batch, batch.getLast().rowNumber(), again);
    }
    var now = clock.instant();
    var done = mongo.updateFirst(owned(job.id()),
        new Update().set("status", ImportStatus.PUBLISHED).set("publishedAt", now).set("lastProgressAt", now)
            .unset("leaseOwner").unset("leaseUntil"), ImportJob.class);
    if (done.getMatchedCount() == 1) {
      LOG.info("import {}: every valid row published{}", job.id(), again ? " again" : "");
      completion.completeIfDone(job.id());
    }
  }

  private static MemberCreated event(ImportJob job, CheckedRow row) {
    return new MemberCreated(eventId(job.id(), row.line()), job.confirmedAt(), job.id(), Math.toIntExact(row.line()),
        job.groupId(), row.person(), row.partner(), row.address(), job.policy(), row.language());
  }

  /** The lines of the import that already have their outcome: publishing again leaves them out. */
  private Set<Long> answeredLines(String importId) {
    Set<Long> lines = new HashSet<>();
    try (var outcomes = mongo.stream(query(where("importId").is(importId)), RowOutcome.class)) {
      outcomes.forEach(outcome -> lines.add(outcome.line()));
    }
    return lines;
  }

  /**
   * Sends the batch, waits until Kafka acknowledged every row of it, then saves how far the job got. Rows
   * published again were counted the first time.
   */
  private void sendAndSave(ImportJob job, List<MemberCreated> batch, long throughLine, boolean again) {
    events.publishAll(batch, settings.lease());
    var now = clock.instant();
    var saved = mongo.updateFirst(owned(job.id()),
        new Update().set("publishedThrough", throughLine).inc("progress.published", again ? 0 : batch.size())
            .set("leaseUntil", now.plus(settings.lease())).set("lastProgressAt", now), ImportJob.class);
    if (saved.getMatchedCount() == 0) {
      throw new IllegalStateException("another replica took the job over");
    }
  }

  private org.springframework.data.mongodb.core.query.Query owned(String importId) {
    return query(where("_id").is(importId).and("leaseOwner").is(replica));
  }

  private void release(String importId) {
    mongo.updateFirst(owned(importId), new Update().unset("leaseOwner").unset("leaseUntil"), ImportJob.class);
  }

  @Override
  public void start() {
    worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("import-publisher").factory());
    running = true;
    wake();
  }

  /** Ends the batch under way and lets go of the job, before Kafka's producer closes. */
  @Override
  public void stop() {
    running = false;
    worker.shutdown();
    try {
      if (!worker.awaitTermination(settings.lease().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("publishing did not stop in time; another replica resumes it when the lease ends");
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Ends a reading when the service stops. */
  private static final class Stopped extends RuntimeException {
    final long line;

    Stopped(long line) {
      super(null, null, false, false);
      this.line = line;
    }
  }
}

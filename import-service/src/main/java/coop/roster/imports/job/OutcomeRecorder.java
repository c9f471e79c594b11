package coop.roster.imports.job;

import coop.roster.events.ImportRowOutcome;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Follows member-service's {@code ImportRowOutcome}s: one outcome kept per row, counted once
 * however often it is delivered. Counts are added to the job a few times a second rather than
 * once per row, so a 100,000-row import costs one write per outcome; counts a stopped replica had
 * not added yet are found again by {@link ImportCompletion#recount}.
 */
@Component
class OutcomeRecorder implements SmartLifecycle {

  /** The progress counters, in the order of {@code ImportRowOutcome.Outcome}. */
  private static final String[] COUNTERS = {"created", "updated", "alreadyMembers", "rejected"};

  private final MongoTemplate mongo;
  private final ImportCompletion completion;
  private final Map<String, AtomicLongArray> uncounted = new ConcurrentHashMap<>();
  private volatile boolean running;

  OutcomeRecorder(MongoTemplate mongo, ImportCompletion completion) {
    this.mongo = mongo;
    this.completion = completion;
  }

  void record(ImportRowOutcome outcome) {
    String id = RowOutcome.id(outcome.importId(), outcome.rowNumber());
    var kept = mongo.upsert(query(where("_id").is(id)),
        new Update().setOnInsert("importId", outcome.importId()).setOnInsert("line", outcome.rowNumber())
            .setOnInsert("outcome", outcome.outcome()).setOnInsert("memberId", outcome.memberId())
            .setOnInsert("reason", outcome.reason()), RowOutcome.class);
    if (kept.getUpsertedId() != null) {
      // atomic with count()'s removal: an increment is either taken by it or kept for the next one
      uncounted.compute(outcome.importId(), (importId, counts) -> {
        AtomicLongArray tally = counts == null ? new AtomicLongArray(COUNTERS.length) : counts;
        tally.incrementAndGet(outcome.outcome().ordinal());
        return tally;
      });
    }
  }

  /** Adds the outcomes recorded since last time to their jobs, and completes the jobs they finish. */
  @Scheduled(fixedDelayString = "${roster.imports.count-every:500ms}")
  void count() {
    for (String importId : uncounted.keySet()) {
      AtomicLongArray counts = uncounted.remove(importId);
      Update increments = new Update();
      for (int i = 0; i < COUNTERS.length; i++) {
        long count = counts.get(i);
        if (count > 0) {
          increments.inc("progress." + COUNTERS[i], count);
        }
      }
      if (increments.getUpdateObject().isEmpty()) {
        continue;
      }
      // A job completed from its outcomes themselves already counts these.
      ImportJob job = mongo.findAndModify(
          query(where("_id").is(importId).and("status").ne(ImportStatus.COMPLETED)), increments,
          FindAndModifyOptions.options().returnNew(true), ImportJob.class);
      if (job != null) {
        completion.completeIfDone(job);
      }
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /** Adds what was recorded before the service stops. */
  @Override
  public void stop() {
    count();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the consumers, so no outcome recorded is left uncounted. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}

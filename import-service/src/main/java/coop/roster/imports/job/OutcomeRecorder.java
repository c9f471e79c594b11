package coop.roster.imports.job;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import coop.roster.events.ImportRowOutcome;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Follows member-service's {@code ImportRowOutcome}s: one outcome kept per row, counted once
 * however often it is delivered. Outcomes are kept by batches (one bulk write per poll of the
 * consumer) and counts are added to the job a few times a second rather than once per row, so a
 * 100,000-row import costs a few hundred writes; counts a stopped replica had not added yet are
 * found again by {@link ImportCompletion#recount}.
 */
@Component
class OutcomeRecorder implements SmartLifecycle {

  /** The progress counters, in the order of {@code ImportRowOutcome.Outcome}, then the partners of their own. */
  private static final String[] COUNTERS = {"created", "updated", "alreadyMembers", "rejected", "partners"};

  private static final int PARTNERS = 4;

  private static final int DUPLICATE_KEY = 11000;
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

  private final MongoTemplate mongo;
  private final ImportCompletion completion;
  private final Clock clock;
  private final Map<String, AtomicLongArray> uncounted = new ConcurrentHashMap<>();
  private volatile boolean running;

  OutcomeRecorder(MongoTemplate mongo, ImportCompletion completion, Clock clock) {
    this.mongo = mongo;
    this.completion = completion;
    this.clock = clock;
  }

  /**
   * Keeps one poll's outcomes with one bulk write: an upsert per row that only sets fields on insert, so the
   * first outcome recorded for a row wins and one delivered again changes nothing. Only the rows the write
   * inserted are counted; a row told twice within the batch is written once, with its first outcome.
   *
   * <p>Written with the driver's own models: mapping a query and an update per row through Spring Data took
   * more of a large import's time than the write itself. The fields are those of {@link RowOutcome}.
   */
  void record(List<ImportRowOutcome> outcomes) {
    Map<String, ImportRowOutcome> firsts = new LinkedHashMap<>();
    outcomes.forEach(outcome -> firsts.putIfAbsent(RowOutcome.id(outcome.importId(), outcome.rowNumber()), outcome));
    List<ImportRowOutcome> written = List.copyOf(firsts.values());
    List<UpdateOneModel<Document>> upserts = new ArrayList<>(written.size());
    for (ImportRowOutcome outcome : written) {
      List<Bson> fields = new ArrayList<>(List.of(Updates.setOnInsert("importId", outcome.importId()),
          Updates.setOnInsert("line", outcome.rowNumber()),
          Updates.setOnInsert("outcome", outcome.outcome().name()),
          Updates.setOnInsert("memberId", outcome.memberId()), Updates.setOnInsert("reason", outcome.reason())));
      if (outcome.people() == 2) {
        fields.add(Updates.setOnInsert("partnerMemberId", outcome.partnerMemberId()));
      }
      upserts.add(new UpdateOneModel<>(Filters.eq("_id", RowOutcome.id(outcome.importId(), outcome.rowNumber())),
          Updates.combine(fields), UPSERT));
    }
    try {
      countInserted(written, mongo.getCollection(mongo.getCollectionName(RowOutcome.class))
          .bulkWrite(upserts, UNORDERED));
    } catch (MongoBulkWriteException e) {
      // Unordered: the other rows were written; those inserted are counted now, as the batch's next
      // delivery finds them kept. A duplicate key is a row another consumer inserted (and counts) meanwhile.
      countInserted(written, e.getWriteResult());
      if (!e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
        throw e;
      }
    }
  }

  /** The upserts that inserted, by their index in the bulk write. */
  private void countInserted(List<ImportRowOutcome> written, BulkWriteResult result) {
    for (BulkWriteUpsert inserted : result.getUpserts()) {
      ImportRowOutcome outcome = written.get(inserted.getIndex());
      // atomic with count()'s removal: an increment is either taken by it or kept for the next one
      uncounted.compute(outcome.importId(), (importId, counts) -> {
        AtomicLongArray tally = counts == null ? new AtomicLongArray(COUNTERS.length) : counts;
        tally.incrementAndGet(outcome.outcome().ordinal());
        if (outcome.people() == 2) {
          tally.incrementAndGet(PARTNERS);
        }
        return tally;
      });
    }
  }

  /**
   * Adds the outcomes recorded since last time to their jobs, marks that progress (the outcome bound counts
   * from it), and completes the jobs they finish, incomplete ones included.
   */
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
          query(where("_id").is(importId).and("status").ne(ImportStatus.COMPLETED)),
          increments.set("lastProgressAt", clock.instant()),
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

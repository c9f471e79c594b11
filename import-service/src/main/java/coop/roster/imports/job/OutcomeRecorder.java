package coop.roster.imports.job;

import coop.roster.events.ImportRowOutcome;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Follows member-service's {@code ImportRowOutcome}s: one outcome kept per row, counted once
 * however often it is delivered, and the import completed with its last one.
 */
@Component
class OutcomeRecorder {

  private final MongoTemplate mongo;
  private final ImportCompletion completion;

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
    if (kept.getUpsertedId() == null) {
      return;  // told before
    }
    ImportJob job = mongo.findAndModify(query(where("_id").is(outcome.importId())),
        new Update().inc("progress." + counter(outcome.outcome()), 1),
        FindAndModifyOptions.options().returnNew(true), ImportJob.class);
    if (job != null) {
      completion.completeIfDone(job);
    }
  }

  private static String counter(ImportRowOutcome.Outcome outcome) {
    return switch (outcome) {
      case CREATED -> "created";
      case UPDATED -> "updated";
      case ALREADY_MEMBER -> "alreadyMembers";
      case REJECTED -> "rejected";
    };
  }
}

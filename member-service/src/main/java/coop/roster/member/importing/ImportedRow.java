package coop.roster.member.importing;

import coop.roster.events.ImportRowOutcome;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.UUID;

/**
 * What became of one import row, kept so that a redelivered or replayed row is answered with the same
 * outcome and changes nothing, even after the member was edited or removed since.
 *
 * @param id      {@code importId#rowNumber}
 * @param eventId the id of the outcome event published, published again as is (a string: portable BSON)
 */
@Document("importedRows")
record ImportedRow(
    @Id String id,
    String importId,
    int rowNumber,
    String groupId,
    String memberId,
    ImportRowOutcome.Outcome outcome,
    String reason,
    String eventId,
    Instant occurredAt) {

  static String id(String importId, int rowNumber) {
    return importId + "#" + rowNumber;
  }

  static ImportedRow of(ImportRowOutcome outcome) {
    return new ImportedRow(id(outcome.importId(), outcome.rowNumber()), outcome.importId(), outcome.rowNumber(),
        outcome.groupId(), outcome.memberId(), outcome.outcome(), outcome.reason(), outcome.eventId().toString(),
        outcome.occurredAt());
  }

  ImportRowOutcome event() {
    return new ImportRowOutcome(UUID.fromString(eventId), occurredAt, importId, rowNumber, groupId, memberId, outcome, reason);
  }
}

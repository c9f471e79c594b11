package coop.roster.member.importing;

import coop.roster.events.ImportRowOutcome;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;


import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * What became of one import row, kept so that a redelivered or replayed row is answered with the same
 * outcome and changes nothing, even after the member was edited or removed since.
 *
 * @param id      {@code importId#rowNumber}
 * @param eventId the id of the outcome event published, published again as is (a string: portable BSON)
 * @param partnerMemberId the row's partner when a member of their own, or {@code null}
 * @param partnerOutcome  what became of that partner, or {@code null}
 */
@Document(ImportedRow.COLLECTION)
record ImportedRow(
    @Id String id,
    String importId,
    int rowNumber,
    String groupId,
    String memberId,
    ImportRowOutcome.Outcome outcome,
    String reason,
    String eventId,
    Instant occurredAt,
    String partnerMemberId,
    ImportRowOutcome.Outcome partnerOutcome) {

  static final String COLLECTION = "importedRows";

  static String id(String importId, int rowNumber) {
    return importId + "#" + rowNumber;
  }

  static ImportedRow of(ImportRowOutcome outcome) {
    return new ImportedRow(id(outcome.importId(), outcome.rowNumber()), outcome.importId(), outcome.rowNumber(),
        outcome.groupId(), outcome.memberId(), outcome.outcome(), outcome.reason(), outcome.eventId().toString(),
        outcome.occurredAt(), outcome.partnerMemberId(), outcome.partnerOutcome());
  }

  /**
   * The document Spring Data would write for this record (nulls left out), built directly: an import keeps one
   * per row, and mapping each through the converter cost more than writing it.
   */
  org.bson.Document document() {
    org.bson.Document document = new org.bson.Document("_id", id);
    document.append("importId", importId).append("rowNumber", rowNumber);
    appendPresent(document, "groupId", groupId);
    appendPresent(document, "memberId", memberId);
    document.append("outcome", outcome.name());
    appendPresent(document, "reason", reason);
    document.append("eventId", eventId).append("occurredAt", Date.from(occurredAt));
    appendPresent(document, "partnerMemberId", partnerMemberId);
    appendPresent(document, "partnerOutcome", partnerOutcome == null ? null : partnerOutcome.name());
    return document;
  }

  private static void appendPresent(org.bson.Document document, String field, Object value) {
    if (value != null) {
      document.append(field, value);
    }
  }

  ImportRowOutcome event() {
    return new ImportRowOutcome(UUID.fromString(eventId), occurredAt, importId, rowNumber, groupId, memberId, outcome, reason,
        partnerMemberId, partnerOutcome);
  }
}

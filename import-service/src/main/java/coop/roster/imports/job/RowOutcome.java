package coop.roster.imports.job;

import coop.roster.events.ImportRowOutcome.Outcome;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What member-service did with one published row; one per row, however often it is told.
 *
 * @param partnerMemberId the row's partner when a member of their own, or {@code null}
 */
@Document("import_outcomes")
@CompoundIndex(name = "import_outcome", def = "{'importId': 1, 'outcome': 1}")
record RowOutcome(@Id String id, String importId, long line, Outcome outcome, String memberId, String reason,
    String partnerMemberId) {

  static String id(String importId, long line) {
    return importId + ":" + line;
  }
}

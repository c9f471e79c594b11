package coop.roster.imports.job;

import coop.roster.imports.checking.ColumnMapping;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * The mapping a coordinator made by hand, kept for the group's next file of the same shape.
 *
 * @param id the group and the file's signature ({@code HeaderRecognition.signature})
 */
@Document("import_mappings")
record RememberedMapping(@Id String id, String groupId, ColumnMapping mapping, Instant savedAt) {

  static String id(String groupId, String signature) {
    return groupId + "|" + signature;
  }
}

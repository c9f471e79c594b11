package coop.roster.imports.job;

import coop.roster.imports.checking.Problem;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;
import java.util.Map;

/**
 * A row left out of an import, with its values as typed (by field name) and why: the errors the
 * check found, or the reason member-service gave when it refused the row.
 */
@Document("import_rejections")
@CompoundIndex(name = "import_line", def = "{'importId': 1, 'line': 1}")
record RejectedRow(@Id String id, String importId, long line, Map<String, String> values, List<Problem> errors,
    String refusal) {

  static String id(String importId, long line) {
    return importId + ":" + line;
  }
}

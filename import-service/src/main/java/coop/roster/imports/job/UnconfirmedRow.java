package coop.roster.imports.job;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.Map;

/**
 * A published row that got no outcome within the bound: listed in the report of an incomplete import, with
 * its values as typed (by field name), until the coordinator publishes it again.
 */
@Document("import_unconfirmed")
@CompoundIndex(name = "import_line", def = "{'importId': 1, 'line': 1}")
record UnconfirmedRow(@Id String id, String importId, long line, Map<String, String> values) {

  static String id(String importId, long line) {
    return importId + ":" + line;
  }
}

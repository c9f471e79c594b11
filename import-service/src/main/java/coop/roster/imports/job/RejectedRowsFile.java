package coop.roster.imports.job;

import coop.roster.imports.checking.Field;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The rows not imported, as a spreadsheet to fix and upload again: the template's columns (which
 * import with no mapping step), then a reason column, which the next import lists as unknown and
 * ignores. Written as member-service's export is: UTF-8 with BOM, {@code ;}, CRLF, and an
 * apostrophe before a value a spreadsheet would take for a formula.
 */
@Component
class RejectedRowsFile {

  static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setDelimiter(';').setRecordSeparator("\r\n").get();

  private final MongoTemplate mongo;
  private final ImportViews views;
  private final Messages messages;

  RejectedRowsFile(MongoTemplate mongo, ImportViews views, Messages messages) {
    this.mongo = mongo;
    this.views = views;
    this.messages = messages;
  }

  void write(ImportJob job, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write('\uFEFF');
    CSVPrinter csv = new CSVPrinter(writer, FORMAT);
    List<String> header = new ArrayList<>();
    for (Field field : Field.values()) {
      header.add(messages.field(field));
    }
    header.add(messages.get("import.report.reasonColumn"));
    csv.printRecord(header);
    try (var rows = mongo.stream(query(where("importId").is(job.id())).with(Sort.by("line")), RejectedRow.class)) {
      for (RejectedRow row : (Iterable<RejectedRow>) rows::iterator) {
        List<String> values = new ArrayList<>();
        for (Field field : Field.values()) {
          values.add(neutralised(row.values().getOrDefault(field.name(), "")));
        }
        values.add(String.join(" ", views.reasons(job, row)));
        csv.printRecord(values);
      }
    }
    csv.flush();
  }

  /**
   * Stops a spreadsheet from evaluating a value (the same characters as member-service's export, tab and carriage
   * return included); the import removes the apostrophe again.
   */
  static String neutralised(String value) {
    return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }
}

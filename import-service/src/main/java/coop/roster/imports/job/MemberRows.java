package coop.roster.imports.job;

import coop.roster.imports.roster.GroupMembers;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** What the group's imports keep about one member: the rows that made or updated them, the rows that named them. */
@Component
class MemberRows {

  private final MongoTemplate mongo;
  private final GroupMembers members;

  MemberRows(MongoTemplate mongo, GroupMembers members) {
    this.mongo = mongo;
    this.members = members;
  }

  /**
   * One member's rows in the group's imports.
   *
   * @param imported the rows member-service applied to them (created, updated, already member)
   * @param rejected the rows left out that carry their e-mail, with their values as typed
   */
  record Mentions(String memberId, List<ImportedRow> imported, List<MentioningRow> rejected) {
  }

  record ImportedRow(String importId, String fileName, Instant importedAt, long line, String outcome) {
  }

  record MentioningRow(String importId, String fileName, long line, Map<String, String> values, String refusal) {
  }

  Mentions of(String groupId, String memberId) {
    Map<String, ImportJob> imports = new LinkedHashMap<>();
    mongo.find(query(where("groupId").is(groupId)).with(Sort.by("createdAt")), ImportJob.class)
        .forEach(job -> imports.put(job.id(), job));
    if (imports.isEmpty()) {
      return new Mentions(memberId, List.of(), List.of());
    }
    List<ImportedRow> imported = mongo.find(query(where("importId").in(imports.keySet()).and("memberId").is(memberId))
            .with(Sort.by("importId", "line")), RowOutcome.class).stream()
        .map(row -> new ImportedRow(row.importId(), imports.get(row.importId()).fileName(),
            imports.get(row.importId()).createdAt(), row.line(), row.outcome().name()))
        .toList();
    String email = members.email(memberId).orElse(null);
    List<MentioningRow> rejected = List.of();
    if (email != null) {
      Pattern typed = Pattern.compile("^\\s*" + Pattern.quote(email) + "\\s*$", Pattern.CASE_INSENSITIVE);
      rejected = mongo.find(query(where("importId").in(imports.keySet())).addCriteria(new Criteria().orOperator(
              where("values.EMAIL").regex(typed), where("values.PARTNER_EMAIL").regex(typed))), RejectedRow.class)
          .stream()
          .map(row -> new MentioningRow(row.importId(), imports.get(row.importId()).fileName(), row.line(),
              row.values(), row.refusal()))
          .toList();
    }
    return new Mentions(memberId, imported, rejected);
  }
}

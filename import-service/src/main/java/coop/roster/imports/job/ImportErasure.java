package coop.roster.imports.job;

import coop.roster.imports.roster.MemberErased;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.regex.Pattern;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Erases what the group's imports keep of a removed member: their row outcomes lose the member id, and the rows,
 * problems and preview samples that mention their e-mail are deleted. The counts of each report stay. Files of
 * imports still running are kept until the import ends (then deleted, as every ended import's file is).
 * Erasing twice finds nothing the second time.
 */
@Component
class ImportErasure {

  private final MongoTemplate mongo;

  ImportErasure(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventListener
  void erase(MemberErased erased) {
    Query ofGroup = query(where("groupId").is(erased.groupId()));
    ofGroup.fields().include("_id");
    List<String> imports = mongo.find(ofGroup, org.bson.Document.class, mongo.getCollectionName(ImportJob.class))
        .stream().map(document -> document.getString("_id")).toList();
    if (imports.isEmpty()) {
      return;
    }
    mongo.updateMulti(query(where("importId").in(imports).and("memberId").is(erased.memberId())),
        new Update().unset("memberId"), RowOutcome.class);
    if (erased.email() == null || erased.email().isBlank()) {
      return;
    }
    // As typed: any case, so matched whole and without regard to case.
    Pattern email = Pattern.compile("^\\s*" + Pattern.quote(erased.email()) + "\\s*$", Pattern.CASE_INSENSITIVE);
    Criteria mentions = new Criteria().orOperator(where("values.EMAIL").regex(email),
        where("values.PARTNER_EMAIL").regex(email));
    mongo.remove(query(where("importId").in(imports)).addCriteria(mentions), RejectedRow.class);
    mongo.remove(query(where("importId").in(imports)).addCriteria(mentions), UnconfirmedRow.class);
    mongo.remove(query(where("importId").in(imports).and("problem.arguments").regex(email)), ListedProblem.class);
    Criteria sampled = new Criteria().orOperator(where("sample.person.email").regex(email),
        where("sample.partner.email").regex(email));
    for (ImportJob job : mongo.find(query(where("_id").in(imports)).addCriteria(sampled), ImportJob.class)) {
      List<SampleRow> kept = job.sample().stream().filter(row -> !mentions(row, email)).toList();
      mongo.updateFirst(query(where("_id").is(job.id())), new Update().set("sample", kept), ImportJob.class);
    }
  }

  private static boolean mentions(SampleRow row, Pattern email) {
    return row.person() != null && row.person().email() != null && email.matcher(row.person().email()).matches()
        || row.partner() != null && row.partner().email() != null && email.matcher(row.partner().email()).matches();
  }
}

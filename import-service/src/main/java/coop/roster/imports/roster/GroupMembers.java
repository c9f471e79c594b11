package coop.roster.imports.roster;

import coop.roster.events.Emails;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberRemoved;
import coop.roster.events.MemberUpdated;
import coop.roster.events.RosterChange;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Each group's member e-mails, kept in step with the roster's events. Applying an event twice
 * changes nothing, so redeliveries are harmless.
 */
@Component
public class GroupMembers {

  private final MongoTemplate mongo;

  GroupMembers(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The normalised e-mails of the group's members, as far as the roster's events told so far. */
  public Set<String> emails(String groupId) {
    Set<String> emails = new HashSet<>();
    var q = query(where("groupId").is(groupId));
    q.fields().include("email");
    mongo.stream(q, KnownMember.class).forEach(member -> emails.add(member.email()));
    return emails;
  }

  /**
   * Applies one poll's changes with one bulk write. Each change carries the member's whole state (group and
   * e-mail, or gone), so the last change of a member in the batch is the one that counts: an add then a
   * remove of the same member ends removed, as applying them one by one would. Members' changes share their
   * record key, hence their partition and their order.
   */
  void apply(List<RosterChange> changes) {
    Map<String, RosterChange> latest = new LinkedHashMap<>();
    changes.forEach(change -> latest.put(change.memberId(), change));
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, KnownMember.class);
    for (RosterChange change : latest.values()) {
      switch (change) {
        case MemberAdded added -> remember(bulk, added.memberId(), added.groupId(), added.person().email());
        case MemberUpdated updated -> remember(bulk, updated.memberId(), updated.groupId(), updated.person().email());
        case MemberRemoved removed -> bulk.remove(query(where("_id").is(removed.memberId())));
      }
    }
    bulk.execute();
  }

  private static void remember(BulkOperations bulk, String memberId, String groupId, String email) {
    bulk.upsert(query(where("_id").is(memberId)),
        new Update().set("groupId", groupId).set("email", Emails.normalize(email)));
  }
}

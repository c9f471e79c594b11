package coop.roster.imports.roster;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import coop.roster.events.Emails;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberRemoved;
import coop.roster.events.MemberUpdated;
import coop.roster.events.RosterChange;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
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

  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

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
   * record key, hence their partition and their order. Written with the driver's own models (the fields of
   * {@link KnownMember}): Spring Data's mapping of a query and an update per member cost more than the write.
   */
  void apply(List<RosterChange> changes) {
    Map<String, RosterChange> latest = new LinkedHashMap<>();
    changes.forEach(change -> latest.put(change.memberId(), change));
    List<WriteModel<Document>> writes = new ArrayList<>(latest.size());
    for (RosterChange change : latest.values()) {
      writes.add(switch (change) {
        case MemberAdded added -> remember(added.memberId(), added.groupId(), added.person().email());
        case MemberUpdated updated -> remember(updated.memberId(), updated.groupId(), updated.person().email());
        case MemberRemoved removed -> new DeleteOneModel<>(Filters.eq("_id", removed.memberId()));
      });
    }
    mongo.getCollection(mongo.getCollectionName(KnownMember.class))
        .bulkWrite(writes, UNORDERED);
  }

  private static WriteModel<Document> remember(String memberId, String groupId, String email) {
    return new UpdateOneModel<>(Filters.eq("_id", memberId),
        Updates.combine(Updates.set("groupId", groupId), Updates.set("email", Emails.normalize(email))),
        UPSERT);
  }
}

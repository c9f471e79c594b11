package coop.roster.invitation.directory;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Members and groups as invitation-service knows them from the events it consumes. */
@Component
public class Directory {

  private final MongoTemplate mongo;

  Directory(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Optional<KnownMember> member(String groupId, String memberId) {
    return Optional.ofNullable(mongo.findById(KnownMember.id(groupId, memberId), KnownMember.class));
  }

  public Optional<KnownGroup> group(String groupId) {
    return Optional.ofNullable(mongo.findById(groupId, KnownGroup.class));
  }

  /** Upserts and deletes members in one round trip; replaying them gives the same state. */
  void apply(List<KnownMember> upserts, List<String> removedIds) {
    if (upserts.isEmpty() && removedIds.isEmpty()) {
      return;
    }
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, KnownMember.class);
    for (KnownMember member : upserts) {
      bulk.upsert(Query.query(where("_id").is(member.id())), new Update()
          .set("groupId", member.groupId())
          .set("memberId", member.memberId())
          .set("email", member.email())
          .set("firstName", member.firstName())
          .set("lastName", member.lastName()));
    }
    if (!removedIds.isEmpty()) {
      bulk.remove(Query.query(where("_id").in(removedIds)));
    }
    bulk.execute();
  }

  void save(KnownGroup group) {
    mongo.save(group);
  }

  /** The group's name, kept from any event that carries it. */
  public void rememberGroupName(String groupId, String name) {
    if (groupId != null && name != null && !name.isBlank()) {
      mongo.upsert(Query.query(where("_id").is(groupId)), new Update().set("name", name), KnownGroup.class);
    }
  }
}

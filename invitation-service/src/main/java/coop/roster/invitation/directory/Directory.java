package coop.roster.invitation.directory;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Members and groups as invitation-service knows them from the events it consumes. */
@Component
public class Directory {

  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

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

  /** Of these member ids, those erased: nothing is done for them any more. */
  public Set<String> erased(Collection<String> memberIds) {
    if (memberIds.isEmpty()) {
      return Set.of();
    }
    Query query = Query.query(where("_id").in(memberIds));
    query.fields().include("_id");
    return mongo.find(query, ErasedMember.class).stream().map(ErasedMember::memberId).collect(Collectors.toSet());
  }

  /** Whether anyone but this member of this group, in any group, has this e-mail. */
  boolean othersWithEmail(String email, String exceptId) {
    return mongo.exists(Query.query(where("email").is(email).and("_id").ne(exceptId)), KnownMember.class);
  }

  /** Leaves the member's tombstone (first erasure's date kept) and forgets what the directory knew of them. */
  void erase(String groupId, String memberId, Instant at) {
    mongo.upsert(Query.query(where("_id").is(memberId)),
        new Update().setOnInsert("groupId", groupId).setOnInsert("erasedAt", at), ErasedMember.class);
    mongo.remove(Query.query(where("_id").is(KnownMember.id(groupId, memberId))), KnownMember.class);
  }

  /** Forgets tombstones older than {@code cutoff}, by date (replicas purging at once delete each once). */
  public long purgeTombstonesBefore(Instant cutoff) {
    return mongo.remove(Query.query(where("erasedAt").lt(cutoff)), ErasedMember.class).getDeletedCount();
  }

  /**
   * Upserts members in one round trip; replaying them gives the same state. Written with the driver's own models
   * (the fields of {@link KnownMember}): Spring Data's mapping of a query and an update per member cost more than the
   * write, and an import sends 500 a poll.
   */
  void apply(List<KnownMember> upserts) {
    if (upserts.isEmpty()) {
      return;
    }
    List<WriteModel<Document>> writes = new ArrayList<>(upserts.size());
    for (KnownMember member : upserts) {
      writes.add(new UpdateOneModel<>(Filters.eq("_id", member.id()), Updates.combine(
          Updates.set("groupId", member.groupId()),
          Updates.set("memberId", member.memberId()),
          Updates.set("email", member.email()),
          Updates.set("firstName", member.firstName()),
          Updates.set("lastName", member.lastName())), UPSERT));
    }
    mongo.getCollection(mongo.getCollectionName(KnownMember.class)).bulkWrite(writes);
  }

  /**
   * Records the group's coordinators unless an event that occurred later is already recorded: the latest
   * event per group wins, whatever order they come in. Answers whether this one was recorded.
   */
  boolean recordCoordinators(String groupId, String name, List<String> emails, Instant occurredAt) {
    Query notNewer = Query.query(where("_id").is(groupId).orOperator(
        where("coordinatorsAt").exists(false), where("coordinatorsAt").lte(occurredAt)));
    Update update = new Update().set("coordinatorEmails", emails).set("coordinatorsAt", occurredAt);
    if (name != null && !name.isBlank()) {
      update.set("name", name);
    }
    try {
      mongo.upsert(notNewer, update, KnownGroup.class);
      return true;
    } catch (DuplicateKeyException e) {
      return false;  // the group is there with a later event: the upsert could only try to insert it again
    }
  }

  /** The ids of the groups whose latest event names this e-mail among their coordinators. */
  Set<String> groupsCoordinatedBy(String email) {
    Query coordinated = Query.query(where("coordinatorEmails").is(email));
    coordinated.fields().include("_id");
    return mongo.find(coordinated, KnownGroup.class).stream().map(KnownGroup::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every group with its coordinators; a few hundred at most, one per local food group. */
  List<KnownGroup> groups() {
    return mongo.findAll(KnownGroup.class);
  }

  /** The group's name, kept from any event that carries it. */
  public void rememberGroupName(String groupId, String name) {
    if (groupId != null && name != null && !name.isBlank()) {
      mongo.upsert(Query.query(where("_id").is(groupId)), new Update().set("name", name), KnownGroup.class);
    }
  }
}

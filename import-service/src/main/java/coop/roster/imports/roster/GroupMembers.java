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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Each group's member e-mails, kept in step with the roster's events. Applying an event twice
 * changes nothing, so redeliveries are harmless. A removed member is erased ({@link MemberErased}) and leaves a
 * tombstone, so that no replayed event brings them back.
 */
@Component
public class GroupMembers {

  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

  private final MongoTemplate mongo;
  private final ApplicationEventPublisher erasures;
  private final Clock clock;

  GroupMembers(MongoTemplate mongo, ApplicationEventPublisher erasures, Clock clock) {
    this.mongo = mongo;
    this.erasures = erasures;
    this.clock = clock;
  }

  /** The normalised e-mails of the group's members, as far as the roster's events told so far. */
  public Set<String> emails(String groupId) {
    Set<String> emails = new HashSet<>();
    var q = query(where("groupId").is(groupId));
    q.fields().include("email");
    mongo.stream(q, KnownMember.class).forEach(member -> emails.add(member.email()));
    return emails;
  }

  /** The member's normalised e-mail, as far as the roster's events told so far. */
  public Optional<String> email(String memberId) {
    return Optional.ofNullable(mongo.findById(memberId, KnownMember.class)).map(KnownMember::email);
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
    Map<String, String> emailsInBatch = new LinkedHashMap<>();
    for (RosterChange change : changes) {
      latest.put(change.memberId(), change);
      switch (change) {
        case MemberAdded added -> emailsInBatch.put(added.memberId(), added.person().email());
        case MemberUpdated updated -> emailsInBatch.put(updated.memberId(), updated.person().email());
        case MemberRemoved removed -> {
        }
      }
    }
    // An erased member stays erased, whatever is replayed or redelivered.
    latest.keySet().removeAll(erasedAmong(latest.keySet()));
    List<MemberRemoved> removals = latest.values().stream()
        .filter(MemberRemoved.class::isInstance).map(MemberRemoved.class::cast).toList();
    eraseRows(removals, emailsInBatch);
    List<WriteModel<Document>> writes = new ArrayList<>(latest.size());
    for (RosterChange change : latest.values()) {
      writes.add(switch (change) {
        case MemberAdded added -> remember(added.memberId(), added.groupId(), added.person().email());
        case MemberUpdated updated -> remember(updated.memberId(), updated.groupId(), updated.person().email());
        case MemberRemoved removed -> new DeleteOneModel<>(Filters.eq("_id", removed.memberId()));
      });
    }
    if (!writes.isEmpty()) {
      mongo.getCollection(mongo.getCollectionName(KnownMember.class)).bulkWrite(writes, UNORDERED);
    }
    // Tombstones last: a batch that fails on the way is tried again with everything it needs.
    Instant now = clock.instant();
    removals.forEach(removed -> mongo.upsert(query(where("_id").is(removed.memberId())),
        new Update().setOnInsert("groupId", removed.groupId()).setOnInsert("erasedAt", now), ErasedMember.class));
  }

  /** The rows that mention removed members are erased while their e-mail is still known (before it is deleted). */
  private void eraseRows(List<MemberRemoved> removals, Map<String, String> emailsInBatch) {
    if (removals.isEmpty()) {
      return;
    }
    Map<String, String> known = new LinkedHashMap<>();
    mongo.find(query(where("_id").in(removals.stream().map(MemberRemoved::memberId).toList())), KnownMember.class)
        .forEach(member -> known.put(member.memberId(), member.email()));
    for (MemberRemoved removed : removals) {
      String email = known.getOrDefault(removed.memberId(), emailsInBatch.get(removed.memberId()));
      erasures.publishEvent(new MemberErased(removed.groupId(), removed.memberId(), Emails.normalize(email)));
    }
  }

  private Set<String> erasedAmong(Set<String> memberIds) {
    if (memberIds.isEmpty()) {
      return Set.of();
    }
    var erased = query(where("_id").in(memberIds));
    erased.fields().include("_id");
    return mongo.find(erased, ErasedMember.class).stream().map(ErasedMember::memberId).collect(Collectors.toSet());
  }

  /** Forgets tombstones older than {@code cutoff}, by date (replicas purging at once delete each once). */
  public long purgeTombstonesBefore(Instant cutoff) {
    return mongo.remove(query(where("erasedAt").lt(cutoff)), ErasedMember.class).getDeletedCount();
  }

  private static WriteModel<Document> remember(String memberId, String groupId, String email) {
    return new UpdateOneModel<>(Filters.eq("_id", memberId),
        Updates.combine(Updates.set("groupId", groupId), Updates.set("email", Emails.normalize(email))),
        UPSERT);
  }
}

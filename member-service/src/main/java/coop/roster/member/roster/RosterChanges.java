package coop.roster.member.roster;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The change feed of each group's roster: every write to members raises the group's roster version (kept
 * here, in its own collection, so that groups and rosters need not know each other) and records, under that version, which members it touched. A reader holding the
 * roster at one version catches up by reading the versions since and the members they name — point reads,
 * which every MongoDB (and mongo-java-server) serves from an index — instead of reading the group again.
 */
@Component
public class RosterChanges implements SmartInitializingSingleton {

  static final String COLLECTION = "rosterChanges";
  static final String VERSIONS = "rosterVersions";
  /** Long enough for every reader to have caught up; one that is further behind reads the group again. */
  static final Duration KEPT = Duration.ofDays(1);

  private final MongoTemplate mongo;
  private final Clock clock;

  RosterChanges(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    mongo.getCollection(COLLECTION).createIndex(Indexes.ascending("at"),
        new IndexOptions().name("forget").expireAfter(KEPT.toSeconds(), TimeUnit.SECONDS));
  }

  /** One version of a group's roster: the members it wrote, added or removed. */
  @Document(COLLECTION)
  record Change(String id, String groupId, long version, Set<String> memberIds, Instant at) {
  }

  /** Records that these members of the group changed; called after the write, never before. */
  public void record(String groupId, Collection<String> memberIds) {
    if (memberIds.isEmpty()) {
      return;
    }
    long version = nextVersion(groupId);
    mongo.insert(new Change(id(groupId, version), groupId, version, new LinkedHashSet<>(memberIds),
        clock.instant()));
  }

  /** The version of the group's roster; 0 for a group whose roster never changed (or that does not exist). */
  long version(String groupId) {
    org.bson.Document found = mongo.findById(groupId, org.bson.Document.class, VERSIONS);
    return found == null ? formerVersion(groupId) : ((Number) found.get("version")).longValue();
  }

  private long nextVersion(String groupId) {
    Query query = Query.query(where("_id").is(groupId));
    org.bson.Document raised = mongo.findAndModify(query, new Update().inc("version", 1L),
        FindAndModifyOptions.options().returnNew(true), org.bson.Document.class, VERSIONS);
    if (raised == null) {
      // The group's first change since versions moved here: go on from the version its group document held.
      mongo.upsert(query, new Update().setOnInsert("version", formerVersion(groupId)), VERSIONS);
      raised = mongo.findAndModify(query, new Update().inc("version", 1L),
          FindAndModifyOptions.options().returnNew(true), org.bson.Document.class, VERSIONS);
    }
    return ((Number) raised.get("version")).longValue();
  }

  /** The version a group document kept before versions lived here (data written by an earlier release), or 0. */
  private long formerVersion(String groupId) {
    Query query = Query.query(where("_id").is(groupId));
    query.fields().include("rosterVersion");
    org.bson.Document group = mongo.findOne(query, org.bson.Document.class, "groups");
    return group == null ? 0 : ((Number) group.getOrDefault("rosterVersion", 0L)).longValue();
  }

  public void record(Map<String, ? extends Collection<String>> memberIdsByGroup) {
    memberIdsByGroup.forEach(this::record);
  }

  /**
   * The members changed after one version up to {@code version}, and those of the recorded versions beyond it (read
   * again when the reader reaches them: reading a member twice changes nothing, and a coordinator's own change shows
   * even while another writer's version before it is not recorded yet).
   */
  record Since(Set<String> memberIds, long version) {
  }

  /**
   * The members changed after version {@code from}: up to {@code to}, or up to the version before the first one not
   * recorded (its writer not done yet: the reader reaches it on a later request), with the members of the recorded
   * versions beyond that too. Empty when none is recorded after {@code from} and {@code gapAllowed} is false (the
   * versions were forgotten, or their writer died): the reader then reads the whole group. During an import a reader
   * often meets a version still being written; reading the whole group then scanned the members collection (under
   * mongo-java-server's lock) for that request.
   */
  Optional<Since> since(String groupId, long from, long to, boolean gapAllowed) {
    List<String> ids = LongStream.rangeClosed(from + 1, to).mapToObj(v -> id(groupId, v)).toList();
    Map<Long, Change> changes = new java.util.TreeMap<>();
    mongo.find(Query.query(where("_id").in(ids)), Change.class).forEach(change -> changes.put(change.version(), change));
    long reached = from;
    while (reached < to && changes.containsKey(reached + 1)) {
      reached++;
    }
    if (reached == from && from < to && !gapAllowed) {
      return Optional.empty();
    }
    Set<String> memberIds = new LinkedHashSet<>();
    changes.values().forEach(change -> memberIds.addAll(change.memberIds()));
    return Optional.of(new Since(memberIds, reached));
  }

  private static String id(String groupId, long version) {
    return groupId + ":" + version;
  }
}

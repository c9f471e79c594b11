package coop.roster.member.roster;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The members collection, and the indexes a real MongoDB needs to serve every query below without
 * scanning a group (mongo-java-server keeps only the unique ones; it scans otherwise).
 */
@Component
public class Members implements SmartInitializingSingleton {

  static final String COLLECTION = "members";

  private final MongoTemplate mongo;

  Members(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @Override
  public void afterSingletonsInstantiated() {
    var members = mongo.getCollection(COLLECTION);
    // One member per e-mail in a group; also how an import finds many members at once ($in).
    members.createIndex(Indexes.ascending("groupEmail"), new IndexOptions().unique(true).name("group_email"));
    // Reading a group (list index, export) in name order.
    members.createIndex(Indexes.ascending("groupId", "sortName"), new IndexOptions().name("group_sort"));
    // Selections resolved for an invitation request.
    index(members, "group_login", Indexes.ascending("groupId", "account.lastLoginAt"));
    index(members, "group_invited", Indexes.ascending("groupId", "invitation.lastRequestedAt"));
    index(members, "group_invitation_state", Indexes.ascending("groupId", "invitation.state"));
    index(members, "group_created", Indexes.ascending("groupId", "createdAt"));
    // The progress of a request.
    index(members, "group_request", Indexes.ascending("groupId", "invitation.lastRequestId"));
    // Logins and passwords are matched by e-mail in every group.
    index(members, "email", Indexes.ascending("person.email"));
  }

  private static void index(com.mongodb.client.MongoCollection<?> members, String name, Bson keys) {
    members.createIndex(keys, new IndexOptions().name(name));
  }

  public Optional<Member> find(String groupId, String memberId) {
    return Optional.ofNullable(mongo.findById(memberId, Member.class)).filter(m -> m.groupId().equals(groupId));
  }

  public Optional<Member> findByEmail(String groupId, String email) {
    return Optional.ofNullable(mongo.findOne(Query.query(where("groupEmail").is(Member.groupEmail(groupId, email))),
        Member.class));
  }

  /** Members by {@code groupId:e-mail}, keyed so. */
  public Map<String, Member> byGroupEmails(Collection<String> groupEmails) {
    if (groupEmails.isEmpty()) {
      return Map.of();
    }
    return mongo.find(Query.query(where("groupEmail").in(groupEmails)), Member.class).stream()
        .collect(Collectors.toMap(Member::groupEmail, Function.identity()));
  }

  /** Members by id, in the order of {@code ids}, skipping those not in the group. */
  public List<Member> byIds(String groupId, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Member> found = mongo.find(Query.query(where("_id").in(ids)), Member.class).stream()
        .filter(m -> m.groupId().equals(groupId))
        .collect(Collectors.toMap(Member::id, Function.identity()));
    List<Member> ordered = new ArrayList<>(ids.size());
    for (String id : ids) {
      Member member = found.get(id);
      if (member != null) {
        ordered.add(member);
      }
    }
    return ordered;
  }

  /** Ids of the group's members in a selection, now. */
  public List<String> idsIn(String groupId, Selection selection, Instant now) {
    Query query = Query.query(where("groupId").is(groupId)).addCriteria(selection.criteria(now));
    query.fields().include("_id");
    return mongo.find(query, org.bson.Document.class, COLLECTION).stream().map(d -> d.getString("_id")).toList();
  }

  /** The group's members in name order, read as they come (an export of a large group). */
  public Stream<Member> streamGroup(String groupId) {
    return mongo.stream(Query.query(where("groupId").is(groupId)).with(Sort.by("sortName", "_id")), Member.class);
  }

  /** Members with this e-mail, in every group. */
  public List<Member> withEmail(String email) {
    return mongo.find(Query.query(where("person.email").is(email)), Member.class);
  }

  public Member insert(Member member) {
    return mongo.insert(member);
  }

  public Member save(Member member) {
    return mongo.save(member);
  }

  public boolean delete(Member member) {
    return mongo.remove(Query.query(where("_id").is(member.id()).and("groupId").is(member.groupId())), Member.class)
        .getDeletedCount() > 0;
  }

  public long count(Query query) {
    return mongo.count(query, Member.class);
  }

  MongoTemplate mongo() {
    return mongo;
  }

  static Criteria inGroup(String groupId) {
    return where("groupId").is(groupId);
  }
}

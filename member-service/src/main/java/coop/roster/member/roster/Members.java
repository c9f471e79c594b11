package coop.roster.member.roster;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import coop.roster.events.Emails;
import coop.roster.events.IdentityEvent;
import coop.roster.events.InvitationFailed;
import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.InvitationStatus;
import coop.roster.events.MemberLoggedIn;
import coop.roster.events.PasswordSet;
import coop.roster.events.RosterEvent;
import coop.roster.member.messaging.Outbox;
import coop.roster.member.roster.Member.InvitationState;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The members collection and its one writer: every change to a member is an intent-named operation here, which
 * writes the document with the events the change causes (its {@link Outbox}) in one write, then records the change
 * in the group's {@link RosterChanges} and has the outbox relayed. Also the indexes a real MongoDB needs to serve every query below without
 * scanning a group (mongo-java-server keeps only the unique ones; it scans otherwise).
 */
@Component
public class Members implements SmartInitializingSingleton {

  static final String COLLECTION = "members";

  private final MongoTemplate mongo;
  private final RosterChanges changes;
  private final Outbox outbox;

  Members(MongoTemplate mongo, RosterChanges changes, Outbox outbox) {
    this.mongo = mongo;
    this.changes = changes;
    this.outbox = outbox;
    outbox.serve(COLLECTION);
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
    // Invitations without answer, swept in every group.
    index(members, "invitation_unanswered", Indexes.ascending("invitation.state", "invitation.lastRequestedAt"));
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
    return Optional.ofNullable(mongo.findById(memberId, Member.class)).filter(m -> groupId.equals(m.groupId()));
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
        .filter(m -> groupId.equals(m.groupId()))
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

  /**
   * Members with this e-mail, in every group: one lookup of the unique group-and-e-mail key per group (a query on
   * {@code person.email} scans every member on mongo-java-server, under its lock, at every login).
   */
  public List<Member> withEmail(String email) {
    List<String> groupEmails = new ArrayList<>();
    mongo.getCollection("groups").find().projection(new org.bson.Document("_id", 1))
        .forEach(group -> groupEmails.add(Member.groupEmail(group.getString("_id"), email)));
    return List.copyOf(byGroupEmails(groupEmails).values());
  }

  /** A new member with the events its arrival causes, in one write; {@link DuplicateKeyException} if the e-mail is taken. */
  public void create(Member member, RosterEvent... events) {
    mongo.insert(document(member, List.of(events)), COLLECTION);
    changed(member.groupId(), List.of(member.id()));
  }

  /** The member's new details with the events they cause, in one write; {@link DuplicateKeyException} likewise. */
  public void updateDetails(Member updated, RosterEvent... events) {
    // By id alone (served from the index): the member was just read in its group.
    mongo.updateFirst(Query.query(where("_id").is(updated.id())),
        Outbox.append(details(new Update(), updated), List.of(events)), Member.class);
    changed(updated.groupId(), List.of(updated.id()));
  }

  /**
   * Removes the member: in one write the document loses every personal field and its group (no query of the group
   * sees it again, its e-mail is free) and takes the removal event; the relay deletes it once its events are sent.
   */
  public boolean remove(Member member, RosterEvent removed) {
    Update update = new Update();
    for (String field : List.of("groupId", "person", "partner", "address", "source", "createdAt", "updatedAt",
        "invitation", "account", "sortName", "searchText", "partnerId")) {
      update.unset(field);
    }
    update.set("groupEmail", "removed:" + member.id()).set(Outbox.DELETE_WHEN_RELAYED, true);
    boolean done = mongo.updateFirst(Query.query(where("_id").is(member.id()).and("groupId").is(member.groupId())),
        Outbox.append(update, List.of(removed)), COLLECTION).getModifiedCount() > 0;
    if (done) {
      changed(member.groupId(), List.of(member.id()));
    }
    return done;
  }

  /**
   * The member no longer linked to {@code formerPartnerId} (removed): they stay, on their own. Changes nothing if
   * they were linked to someone else meanwhile.
   */
  public void unlinkPartner(String groupId, String memberId, String formerPartnerId) {
    boolean done = mongo.updateFirst(Query.query(where("_id").is(memberId).and("partnerId").is(formerPartnerId)),
        new Update().unset("partnerId"), COLLECTION).getModifiedCount() > 0;
    if (done) {
      changed(groupId, List.of(memberId));
    }
  }

  /** A member an import writes: new, or with new details, and the events the row causes. */
  public record Imported(Member member, boolean inserted, List<RosterEvent> events) {
  }

  /** One import batch: its new and changed members, each with its events, in one bulk write. */
  public void importBatch(Collection<Imported> imported) {
    if (imported.isEmpty()) {
      return;
    }
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Member.class);
    Map<String, List<String>> changedByGroup = new LinkedHashMap<>();
    for (Imported write : imported) {
      Member member = write.member();
      if (write.inserted()) {
        bulk.insert(document(member, write.events()));
      } else {
        bulk.updateOne(Query.query(where("_id").is(member.id())),
            Outbox.append(details(new Update(), member), write.events()));
      }
      changedByGroup.computeIfAbsent(member.groupId(), id -> new ArrayList<>()).add(member.id());
    }
    bulk.execute();
    changedByGroup.forEach(this::changed);
  }

  /**
   * Members an earlier try of a batch wrote without hearing back (the store went away before its answer, so that try
   * recorded no change): their change is recorded now, so that readers of the roster learn of them.
   */
  public void writtenBefore(Collection<Member> written) {
    Map<String, List<String>> changedByGroup = new LinkedHashMap<>();
    for (Member member : written) {
      changedByGroup.computeIfAbsent(member.groupId(), id -> new ArrayList<>()).add(member.id());
    }
    changedByGroup.forEach(this::changed);
  }

  /**
   * Claims these members for an invitation request, then writes each claimed member's {@code InvitationRequested} in
   * its outbox. The claim is one conditional write for all of them: a member whose last invitation is still in flight
   * is left out, and of two requests at once only one takes a member. The events follow by id alone (served from
   * the index; a conditional write per member would scan the group each time on mongo-java-server): a process that
   * dies in between leaves members claimed without event, which the sweep of unanswered invitations asks again
   * (same request). Answers the members claimed.
   */
  public List<Member> claimForInvitation(String groupId, List<String> ids, String requestId, Instant now,
      Function<Member, InvitationRequested> request) {
    return claimForInvitation(groupId, ids, requestId, now, now, 1, request);
  }

  /**
   * {@link #claimForInvitation(String, List, String, Instant, Function)}, taking only members whose last invitation
   * was requested before {@code notRequestedSince} or failed (the per-member interval holds even for two presses at
   * once; a failed invitation reached nobody), and
   * keeping the last {@code requestTimesKept} request times of each member (what the daily limit counts).
   */
  public List<Member> claimForInvitation(String groupId, List<String> ids, String requestId, Instant now,
      Instant notRequestedSince, int requestTimesKept, Function<Member, InvitationRequested> request) {
    return claim(groupId, ids, requestId, now, notRequestedSince, requestTimesKept, null, new Update(), request);
  }

  /**
   * {@link #claimForInvitation(String, List, String, Instant, Instant, int, Function)} for an automatic reminder:
   * takes only members still due for one — invitation sent no later than {@code sentBefore}, no password set nor
   * login, reminded automatically fewer than {@code atMost} times — and counts the reminder in the same conditional
   * write, so that two passes (or replicas) at once remind a member once.
   */
  public List<Member> claimForReminder(String groupId, List<String> ids, String requestId, Instant now,
      Instant notRequestedSince, int requestTimesKept, Instant sentBefore, int atMost,
      Function<Member, InvitationRequested> request) {
    return claim(groupId, ids, requestId, now, notRequestedSince, requestTimesKept, dueForReminder(sentBefore, atMost),
        new Update().inc("invitation.automaticReminders", 1), request);
  }

  /**
   * Members of the group due for an automatic reminder (see {@link #claimForReminder}), at most {@code limit}; the
   * claim checks again.
   */
  public List<Member> dueForReminder(String groupId, Instant sentBefore, int atMost, int limit) {
    return mongo.find(Query.query(new Criteria().andOperator(where("groupId").is(groupId),
        dueForReminder(sentBefore, atMost))).limit(limit), Member.class);
  }

  private static Criteria dueForReminder(Instant sentBefore, int atMost) {
    return new Criteria().andOperator(
        where("invitation.state").is(InvitationState.SENT).and("invitation.lastSentAt").lte(sentBefore)
            .and("account.passwordSetAt").is(null).and("account.lastLoginAt").is(null),
        new Criteria().orOperator(where("invitation.automaticReminders").is(null),
            where("invitation.automaticReminders").lt(atMost)));
  }

  private List<Member> claim(String groupId, List<String> ids, String requestId, Instant now,
      Instant notRequestedSince, int requestTimesKept, Criteria due, Update claim,
      Function<Member, InvitationRequested> request) {
    claim
        .set("invitation.state", InvitationState.REQUESTED)
        .set("invitation.lastRequestId", requestId)
        .set("invitation.lastRequestedAt", now)
        // Statuses of this request are ordered among themselves, not against this service's clock.
        .unset("invitation.statusAt")
        .unset("invitation.requestedAgainAt");
    claim.push("invitation.requestTimes").slice(-Math.max(1, requestTimesKept)).each(now);
    Criteria claimable = where("_id").in(ids).and("groupId").is(groupId)
        .and("invitation.state").ne(InvitationState.REQUESTED)
        .orOperator(where("invitation.lastRequestedAt").is(null),
            where("invitation.lastRequestedAt").lt(notRequestedSince),
            where("invitation.state").is(InvitationState.FAILED));
    mongo.updateMulti(Query.query(due == null ? claimable : new Criteria().andOperator(claimable, due)),
        claim, Member.class);
    List<Member> claimed = byIds(groupId, ids).stream()
        .filter(member -> member.invitation() != null && requestId.equals(member.invitation().lastRequestId()))
        .toList();
    if (!claimed.isEmpty()) {
      BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Member.class);
      for (Member member : claimed) {
        bulk.updateOne(Query.query(where("_id").is(member.id())),
            Outbox.append(new Update(), List.of(request.apply(member))));
      }
      bulk.execute();
    }
    changed(groupId, claimed.stream().map(Member::id).toList());
    return claimed;
  }

  /**
   * Records what invitation-service reports, for the member's current request only and never over a later status:
   * a redelivered, replayed or late event changes nothing.
   */
  public void recordInvitationStatus(InvitationStatus status) {
    Instant at = status.occurredAt();
    Member current = mongo.findById(status.memberId(), Member.class);
    if (current == null || current.invitation() == null
        || !status.requestId().equals(current.invitation().lastRequestId())
        || current.invitation().statusAt() != null && current.invitation().statusAt().isAfter(at)) {
      // A point read settles the usual redelivered or late status; the write below re-checks atomically.
      return;
    }
    Update update = switch (status) {
      case InvitationSent sent -> new Update()
          .set("invitation.state", InvitationState.SENT)
          .set("invitation.lastSentAt", at)
          .set("invitation.statusAt", at);
      case InvitationFailed failed -> new Update()
          .set("invitation.state", InvitationState.FAILED)
          .set("invitation.lastFailedAt", at)
          .set("invitation.failure", failed.failure() == null ? null : failed.failure().name())
          .set("invitation.failureReason", failed.reason())
          .set("invitation.statusAt", at);
    };
    Query query = Query.query(where("_id").is(status.memberId())
        .and("invitation.lastRequestId").is(status.requestId())
        .orOperator(where("invitation.statusAt").is(null), where("invitation.statusAt").lte(at)));
    Member member = mongo.findAndModify(query, update, Member.class);
    if (member != null && member.groupId() != null) {
      changed(member.groupId(), List.of(member.id()));
    }
  }

  /** Members whose invitation got no answer, requested before {@code before} and not requested again yet. */
  public List<Member> unanswered(Instant before, int limit) {
    return mongo.find(Query.query(where("invitation.state").is(InvitationState.REQUESTED)
        .and("invitation.requestedAgainAt").is(null).and("invitation.lastRequestedAt").lt(before)).limit(limit),
        Member.class);
  }

  /** Members whose invitation got no answer although requested again before {@code before}. */
  public List<Member> unansweredAgain(Instant before, int limit) {
    return mongo.find(Query.query(where("invitation.state").is(InvitationState.REQUESTED)
        .and("invitation.requestedAgainAt").lt(before)).limit(limit), Member.class);
  }

  /**
   * Requests the member's unanswered invitation once more, same request: of several replicas sweeping at once, one
   * writes it. Answers whether this call did.
   */
  public boolean requestAgain(Member member, Instant now, InvitationRequested again) {
    boolean done = mongo.updateFirst(Query.query(where("_id").is(member.id())
                .and("invitation.lastRequestId").is(member.invitation().lastRequestId())
                .and("invitation.state").is(InvitationState.REQUESTED).and("invitation.requestedAgainAt").is(null)),
            Outbox.append(new Update().set("invitation.requestedAgainAt", now), List.of(again)), Member.class)
        .getModifiedCount() > 0;
    if (done) {
      changed(member.groupId(), List.of(member.id()));
    }
    return done;
  }

  /**
   * Marks the member's invitation failed for want of an answer. The status time stays unset, so that an answer of
   * the same request arriving after all still counts.
   */
  public boolean failUnanswered(Member member, Instant now, String reason) {
    boolean done = mongo.updateFirst(Query.query(where("_id").is(member.id())
                .and("invitation.lastRequestId").is(member.invitation().lastRequestId())
                .and("invitation.state").is(InvitationState.REQUESTED)),
            new Update().set("invitation.state", InvitationState.FAILED).set("invitation.lastFailedAt", now)
                .set("invitation.failure", "TRANSIENT").set("invitation.failureReason", reason), Member.class)
        .getModifiedCount() > 0;
    if (done) {
      changed(member.groupId(), List.of(member.id()));
    }
    return done;
  }

  /**
   * Records a login or a password set on the member with that e-mail in every group, keeping the latest time: a
   * redelivered or late event changes nothing. An e-mail no member has is ignored.
   */
  public void recordAccountActivity(IdentityEvent event) {
    String field = switch (event) {
      case MemberLoggedIn login -> "account.lastLoginAt";
      case PasswordSet password -> "account.passwordSetAt";
    };
    List<Member> found = withEmail(Emails.normalize(event.email()));
    if (found.isEmpty()) {
      return;
    }
    var updated = mongo.updateMulti(Query.query(where("_id").in(found.stream().map(Member::id).toList())
            .orOperator(where(field).is(null), where(field).lt(event.occurredAt()))),
        new Update().set(field, event.occurredAt()), Member.class);
    if (updated.getModifiedCount() > 0) {
      found.stream().collect(Collectors.groupingBy(Member::groupId, Collectors.mapping(Member::id,
          Collectors.toList()))).forEach(this::changed);
    }
  }

  /** After every write: the change feed told, then the outbox relayed. */
  private void changed(String groupId, List<String> memberIds) {
    changes.record(groupId, memberIds);
    outbox.relaySoon(COLLECTION, memberIds);
  }

  private org.bson.Document document(Member member, Collection<? extends RosterEvent> events) {
    org.bson.Document document = new org.bson.Document();
    mongo.getConverter().write(member, document);
    return Outbox.withEvents(document, events);
  }

  /** The fields a member's details set, derived keys included. */
  private static Update details(Update update, Member member) {
    update.set("groupEmail", member.groupEmail()).set("updatedAt", member.updatedAt())
        .set("sortName", member.sortName()).set("searchText", member.searchText());
    setOrUnset(update, "person", member.person());
    setOrUnset(update, "partner", member.partner());
    setOrUnset(update, "address", member.address());
    setOrUnset(update, "partnerId", member.partnerId());
    setOrUnset(update, "language", member.language());
    return update;
  }

  private static void setOrUnset(Update update, String field, Object value) {
    if (value == null) {
      update.unset(field);
    } else {
      update.set(field, value);
    }
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

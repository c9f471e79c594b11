package coop.roster.member.invitation;

import coop.roster.events.InvitationFailed;
import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.InvitationStatus;
import coop.roster.member.group.Group;
import coop.roster.member.group.Groups;
import coop.roster.member.messaging.EventPublisher;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Member.InvitationState;
import coop.roster.member.roster.Members;
import coop.roster.member.roster.RosterChanges;
import coop.roster.member.roster.Selection;
import coop.roster.member.web.Caller;
import coop.roster.member.web.LocalizedProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Invitation requests and the status invitation-service reports for each member. */
@Service
class Invitations {

  /** Members claimed per write; each chunk is claimed, then published, before the next. */
  private static final int CHUNK = 1_000;

  private final MongoTemplate mongo;
  private final Members members;
  private final Groups groups;
  private final RosterChanges changes;
  private final EventPublisher events;
  private final Clock clock;
  private final Duration inFlightTimeout;

  Invitations(MongoTemplate mongo, Members members, Groups groups, RosterChanges changes, EventPublisher events,
      Clock clock,
      @Value("${roster.invitations.in-flight-timeout:PT1H}") Duration inFlightTimeout) {
    this.mongo = mongo;
    this.members = members;
    this.groups = groups;
    this.changes = changes;
    this.events = events;
    this.clock = clock;
    this.inFlightTimeout = inFlightTimeout;
  }

  record Requested(String requestId, int count) {
  }

  record Progress(String requestId, int requested, long sent, long failed) {
  }

  /**
   * Asks for an invitation of each member of a selection (resolved now) or of the chosen ids. A member
   * whose last invitation is still in flight is left out, so pressing again queues nothing twice; the
   * claim on each member is one conditional write, so two presses at once cannot both take them.
   */
  Requested request(String groupId, Selection selection, List<String> memberIds, Caller caller) {
    Group group = groups.get(groupId);
    Instant now = clock.instant();
    List<String> candidates = memberIds != null && !memberIds.isEmpty()
        ? List.copyOf(new LinkedHashSet<>(memberIds))
        : members.idsIn(groupId, selection == null ? Selection.NEVER_LOGGED_IN : selection, now);
    String requestId = UUID.randomUUID().toString();
    List<String> requested = new ArrayList<>();
    for (int from = 0; from < candidates.size(); from += CHUNK) {
      List<Member> claimed = claim(groupId, candidates.subList(from, Math.min(from + CHUNK, candidates.size())),
          requestId, now);
      for (Member member : claimed) {
        events.publish(new InvitationRequested(UUID.randomUUID(), now, requestId, groupId, member.id(),
            member.person().email(), member.person().firstName(), member.person().lastName(),
            Objects.requireNonNullElse(group.locale(), Group.DEFAULT_LOCALE), group.name(), caller.name(),
            caller.email()));
      }
      claimed.forEach(member -> requested.add(member.id()));
    }
    changes.record(groupId, requested);
    mongo.insert(new InvitationRequest(requestId, groupId, now, caller.email(), requested.size()));
    return new Requested(requestId, requested.size());
  }

  private List<Member> claim(String groupId, List<String> ids, String requestId, Instant now) {
    Criteria notInFlight = new Criteria().orOperator(
        where("invitation.state").ne(InvitationState.REQUESTED),
        where("invitation.lastRequestedAt").lt(now.minus(inFlightTimeout)));
    mongo.updateMulti(Query.query(where("_id").in(ids).and("groupId").is(groupId).andOperator(notInFlight)),
        new Update()
            .set("invitation.state", InvitationState.REQUESTED)
            .set("invitation.lastRequestId", requestId)
            .set("invitation.lastRequestedAt", now)
            // Statuses of this request are ordered among themselves, not against this service's clock.
            .unset("invitation.statusAt"),
        Member.class);
    List<Member> claimed = new ArrayList<>();
    for (Member member : members.byIds(groupId, ids)) {
      if (member.invitation() != null && requestId.equals(member.invitation().lastRequestId())) {
        claimed.add(member);
      }
    }
    return claimed;
  }

  Progress progress(String groupId, String requestId) {
    InvitationRequest request = mongo.findById(requestId, InvitationRequest.class);
    if (request == null || !request.groupId().equals(groupId)) {
      throw new LocalizedProblem(HttpStatus.NOT_FOUND, "invitation.requestNotFound", requestId);
    }
    return new Progress(requestId, request.count(), countInState(groupId, requestId, InvitationState.SENT),
        countInState(groupId, requestId, InvitationState.FAILED));
  }

  private long countInState(String groupId, String requestId, InvitationState state) {
    return members.count(Query.query(where("groupId").is(groupId).and("invitation.lastRequestId").is(requestId)
        .and("invitation.state").is(state)));
  }

  /**
   * Records what invitation-service reports, for the member's current request only and never over a
   * later status: a redelivered, replayed or late event changes nothing.
   */
  void record(InvitationStatus status) {
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
    if (member != null) {
      changes.record(member.groupId(), List.of(member.id()));
    }
  }
}

package coop.roster.member.invitation;

import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationStatus;
import coop.roster.member.group.Group;
import coop.roster.member.group.Groups;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Member.InvitationState;
import coop.roster.member.roster.Members;
import coop.roster.member.roster.Selection;
import coop.roster.member.web.Caller;
import coop.roster.member.web.LocalizedProblem;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Invitation requests and the status invitation-service reports for each member. */
@Service
class Invitations {

  /** Members claimed per write, each with its event (see {@link Members#claimForInvitation}). */
  private static final int CHUNK = 1_000;

  private final MongoTemplate mongo;
  private final Members members;
  private final Groups groups;
  private final Clock clock;

  Invitations(MongoTemplate mongo, Members members, Groups groups, Clock clock) {
    this.mongo = mongo;
    this.members = members;
    this.groups = groups;
    this.clock = clock;
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
    InvitationRequest request = new InvitationRequest(requestId, groupId, now, caller.email(), caller.name(), 0);
    // Written first: the sweep of unanswered invitations reads the coordinator's name here.
    mongo.insert(request);
    int requested = 0;
    for (int from = 0; from < candidates.size(); from += CHUNK) {
      requested += members.claimForInvitation(groupId, candidates.subList(from, Math.min(from + CHUNK,
          candidates.size())), requestId, now, member -> requested(request, group, member, UUID.randomUUID()))
          .size();
    }
    mongo.updateFirst(Query.query(where("_id").is(requestId)), Update.update("count", requested),
        InvitationRequest.class);
    return new Requested(requestId, requested);
  }

  /** The event that asks invitation-service to invite the member, in their language, else the group's. */
  static InvitationRequested requested(InvitationRequest request, Group group, Member member, UUID eventId) {
    return new InvitationRequested(eventId, request.requestedAt(), request.id(), group.id(), member.id(),
        member.person().email(), member.person().firstName(), member.person().lastName(),
        member.languageOr(Objects.requireNonNullElse(group.locale(), Group.DEFAULT_LOCALE)), group.name(), request.requestedByName(),
        request.requestedBy());
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

  /** Records what invitation-service reports (see {@link Members#recordInvitationStatus}). */
  void record(InvitationStatus status) {
    members.recordInvitationStatus(status);
  }
}

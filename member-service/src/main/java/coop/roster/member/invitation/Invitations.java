package coop.roster.member.invitation;

import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationStatus;
import coop.roster.member.group.Group;
import coop.roster.member.group.Groups;
import coop.roster.member.group.Reminders;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Member.InvitationState;
import coop.roster.member.roster.Members;
import coop.roster.member.roster.RosterQueries;
import coop.roster.member.roster.Selection;
import coop.roster.member.web.Caller;
import coop.roster.member.web.LocalizedProblem;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
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

  /** Members claimed per write, each with its event (see {@link Members#claimForInvitation}). */
  private static final int CHUNK = 1_000;
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);

  private final MongoTemplate mongo;
  private final Members members;
  private final Groups groups;
  private final Clock clock;
  private final InvitationLimits limits;
  private final RosterQueries queries;

  Invitations(MongoTemplate mongo, Members members, Groups groups, Clock clock, InvitationLimits limits,
      RosterQueries queries) {
    this.mongo = mongo;
    this.members = members;
    this.queries = queries;
    this.groups = groups;
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * What a press did: how many members it asked invitation-service to invite, and how many of the chosen it left
   * out, by reason.
   */
  record Requested(String requestId, int count, Skipped skipped) {
  }

  /**
   * Members left out of a request, by reason.
   *
   * @param inFlight        their last invitation is still being sent
   * @param recentlyInvited invited less than {@link InvitationLimits#recentlyInvited()} ago, and not included
   * @param tooSoon         invited less than {@link InvitationLimits#memberMinInterval()} ago
   * @param dailyLimit      invited {@link InvitationLimits#memberPerDay()} times in the last 24 hours
   * @param groupLimit      beyond what the group may still request this hour
   */
  record Skipped(int inFlight, int recentlyInvited, int tooSoon, int dailyLimit, int groupLimit) {

    static final Skipped NONE = new Skipped(0, 0, 0, 0, 0);

    int total() {
      return inFlight + recentlyInvited + tooSoon + dailyLimit + groupLimit;
    }
  }

  record Progress(String requestId, int requested, long sent, long failed, Skipped skipped, boolean reminder,
      Limits limits) {
  }

  /** What pressing "Envoyer des invitations" on a selection would meet, for its confirmation page. */
  record Outlook(long total, long neverInvited, long invitedLately, long failed, int recentlyInvitedDays) {
  }

  /** The limits a progress page names when it says why members were left out (they are configurable). */
  record Limits(long recentlyInvitedDays, long memberMinIntervalMinutes, int memberPerDay) {
  }

  /**
   * Who to invite and how: the chosen members or else a selection, with a note, as a reminder or not.
   *
   * @param automatic the group's automatic reminders when Roster itself reminds the chosen members (only those still
   *                  due are claimed, and the reminder is counted on them); {@code null} for a coordinator's request
   */
  record Ask(Selection selection, List<String> memberIds, boolean includeRecentlyInvited, boolean reminder,
      String note, Reminders automatic) {

    /** A coordinator's request. */
    Ask(Selection selection, List<String> memberIds, boolean includeRecentlyInvited, boolean reminder, String note) {
      this(selection, memberIds, includeRecentlyInvited, reminder, note, null);
    }
  }

  /**
   * Asks for an invitation of each member of a selection (resolved now) or of the chosen ids. A member
   * whose last invitation is still in flight is left out, so pressing again queues nothing twice; the
   * claim on each member is one conditional write, so two presses at once cannot both take them. Members within
   * their limits ({@link InvitationLimits}) are left out of a batch and counted; a request for one member that its
   * limits refuse, or a group past its hourly limit, is refused (429) with the reason.
   */
  Requested request(String groupId, Ask ask, Caller caller) {
    String note = note(ask.note());
    boolean chosen = ask.memberIds() != null && !ask.memberIds().isEmpty();
    if (chosen && ask.memberIds().size() > limits.membersPerRequest()) {
      throw new LocalizedProblem(HttpStatus.BAD_REQUEST, "invitation.tooManyMembers", ask.memberIds().size(),
          limits.membersPerRequest());
    }
    Group group = groups.get(groupId);
    Instant now = clock.instant();
    int groupRemaining = limits.groupPerHour() - requestedSince(groupId, now.minus(HOUR));
    if (groupRemaining <= 0) {
      throw new LocalizedProblem(HttpStatus.TOO_MANY_REQUESTS, "invitation.groupLimit", limits.groupPerHour());
    }
    Selection invited = ask.selection() == null ? Selection.NEVER_LOGGED_IN : ask.selection();
    List<String> candidates = chosen ? List.copyOf(new LinkedHashSet<>(ask.memberIds()))
        : queries.idsIn(groupId, invited);
    // Chosen members are invited whenever their limits allow; a selection leaves out the recently invited.
    boolean leaveOutRecent = !chosen && !ask.includeRecentlyInvited();
    String requestId = UUID.randomUUID().toString();
    InvitationRequest request = new InvitationRequest(requestId, groupId, now, caller.email(), caller.name(), 0,
        chosen ? null : invited.name(), null, note, ask.reminder());
    // Written first: the sweep of unanswered invitations reads the coordinator's name here.
    mongo.insert(request);
    Instant notRequestedSince = now.minus(limits.memberMinInterval());
    Instant dayAgo = now.minus(DAY);
    Instant recentSince = now.minus(limits.recentlyInvited());
    int inFlight = 0;
    int recent = 0;
    int tooSoon = 0;
    int daily = 0;
    int groupLimit = 0;
    int requested = 0;
    for (int from = 0; from < candidates.size(); from += CHUNK) {
      if (requested >= groupRemaining) {
        // The group's hour is used up: the rest are left out for it, unread (a selection of 50,000 members was read
        // one by one for the 2,000 an hour allows, 39 s during a large import).
        groupLimit += candidates.size() - from;
        break;
      }
      List<String> allowed = new ArrayList<>();
      for (Member member : members.byIds(groupId, candidates.subList(from, Math.min(from + CHUNK,
          candidates.size())))) {
        Member.Invitation invitation = member.invitation();
        if (invitation == null || invitation.lastRequestedAt() == null) {
          allowed.add(member.id());
        } else if (invitation.state() == InvitationState.REQUESTED) {
          inFlight++;
        } else if (leaveOutRecent && invitation.state() != InvitationState.FAILED
            && !invitation.lastRequestedAt().isBefore(recentSince)) {
          recent++;
        } else if (invitation.state() != InvitationState.FAILED
            && !invitation.lastRequestedAt().isBefore(notRequestedSince)) {
          // A failed invitation never reached the member: "Réessayer" may send it at once (the daily limit holds).
          tooSoon++;
        } else if (requestsSince(invitation, dayAgo) >= limits.memberPerDay()) {
          daily++;
        } else {
          allowed.add(member.id());
        }
      }
      if (allowed.size() > groupRemaining - requested) {
        groupLimit += allowed.size() - Math.max(0, groupRemaining - requested);
        allowed = allowed.subList(0, Math.max(0, groupRemaining - requested));
      }
      if (!allowed.isEmpty()) {
        int claimed = (ask.automatic() == null
            ? members.claimForInvitation(groupId, allowed, requestId, now, notRequestedSince, limits.memberPerDay(),
                member -> requested(request, group, member, UUID.randomUUID()))
            : members.claimForReminder(groupId, allowed, requestId, now, notRequestedSince, limits.memberPerDay(),
                now.minus(ask.automatic().delay()), ask.automatic().atMost(),
                member -> requested(request, group, member, UUID.randomUUID()))).size();
        // Taken meanwhile by another press: in flight now.
        inFlight += allowed.size() - claimed;
        requested += claimed;
      }
    }
    Skipped skipped = new Skipped(inFlight, recent, tooSoon, daily, groupLimit);
    if (ask.automatic() == null && chosen && candidates.size() == 1 && requested == 0
        && skipped.total() > inFlight) {
      // Refused, not recorded: the request never existed.
      mongo.remove(Query.query(where("_id").is(requestId)), InvitationRequest.class);
      refuseOne(candidates.getFirst(), skipped, groupId, now);
    }
    if (ask.automatic() != null && requested == 0) {
      // A pass that reminded no one leaves no line in the group's history.
      mongo.remove(Query.query(where("_id").is(requestId)), InvitationRequest.class);
      return new Requested(requestId, 0, skipped);
    }
    mongo.updateFirst(Query.query(where("_id").is(requestId)),
        Update.update("count", requested).set("skipped", skipped), InvitationRequest.class);
    return new Requested(requestId, requested, skipped);
  }

  /** One member asked for and left out by a limit: the coordinator is told why, and when to try again. */
  private void refuseOne(String memberId, Skipped skipped, String groupId, Instant now) {
    Member.Invitation invitation = members.find(groupId, memberId).map(Member::invitation).orElse(null);
    if (skipped.tooSoon() > 0) {
      long minutes = invitation == null || invitation.lastRequestedAt() == null ? limits.memberMinInterval().toMinutes()
          : Math.max(1, Duration.between(now, invitation.lastRequestedAt().plus(limits.memberMinInterval()))
              .toSeconds() / 60 + 1);
      throw new LocalizedProblem(HttpStatus.TOO_MANY_REQUESTS, "invitation.memberTooSoon",
          limits.memberMinInterval().toMinutes(), minutes);
    }
    if (skipped.dailyLimit() > 0) {
      throw new LocalizedProblem(HttpStatus.TOO_MANY_REQUESTS, "invitation.memberDailyLimit",
          limits.memberPerDay());
    }
    throw new LocalizedProblem(HttpStatus.TOO_MANY_REQUESTS, "invitation.groupLimit", limits.groupPerHour());
  }

  /** The note as typed, or {@code null} when blank; refused above its limit. */
  private String note(String note) {
    if (note == null || note.isBlank()) {
      return null;
    }
    if (note.length() > limits.noteMaxLength()) {
      throw new LocalizedProblem(HttpStatus.BAD_REQUEST, "invitation.noteTooLong", limits.noteMaxLength(),
          note.length());
    }
    return note.strip();
  }

  private static long requestsSince(Member.Invitation invitation, Instant since) {
    return invitation.requestTimes() == null
        ? (invitation.lastRequestedAt().isBefore(since) ? 0 : 1)
        : invitation.requestTimes().stream().filter(at -> !at.isBefore(since)).count();
  }

  /** Invitations the group requested since then. */
  private int requestedSince(String groupId, Instant since) {
    return mongo.find(Query.query(where("groupId").is(groupId).and("requestedAt").gte(since)),
        InvitationRequest.class).stream().mapToInt(InvitationRequest::count).sum();
  }

  Outlook outlook(String groupId, Selection selection) {
    Instant now = clock.instant();
    RosterQueries.InvitationOutlook outlook = queries.invitationOutlook(groupId,
        selection == null ? Selection.NEVER_LOGGED_IN : selection, now.minus(limits.recentlyInvited()));
    return new Outlook(outlook.total(), outlook.neverInvited(), outlook.invitedLately(), outlook.failed(),
        (int) limits.recentlyInvited().toDays());
  }

  /**
   * The event that asks invitation-service to invite the member, in their language (else the group's), with the request's
   * note;
   * a reminder recalls when the member was last sent an invitation (a first invitation when none was sent).
   */
  static InvitationRequested requested(InvitationRequest request, Group group, Member member, UUID eventId) {
    Instant reminderOf = request.reminder() && member.invitation() != null ? member.invitation().lastSentAt() : null;
    return new InvitationRequested(eventId, request.requestedAt(), request.id(), group.id(), member.id(),
        member.person().email(), member.person().firstName(), member.person().lastName(),
        member.languageOr(Objects.requireNonNullElse(group.locale(), Group.DEFAULT_LOCALE)), group.name(),
        request.requestedByName(),
        request.requestedBy(), request.note(), reminderOf);
  }

  /**
   * One request as the group's history lists it.
   *
   * @param selection the selection invited, {@code null} for members chosen one by one
   * @param count     how many members it asked to invite
   */
  record Listed(String requestId, Instant requestedAt, String requestedBy, String requestedByName, String selection,
      int count) {
  }

  /** A page of the group's invitation requests, newest first. */
  record History(List<Listed> items, int page, int size, long total) {
  }

  History history(String groupId, int page, int size) {
    long total = mongo.count(Query.query(where("groupId").is(groupId)), InvitationRequest.class);
    List<Listed> items = mongo.find(Query.query(where("groupId").is(groupId))
            .with(Sort.by(Sort.Direction.DESC, "requestedAt", "_id")).skip((long) page * size).limit(size),
            InvitationRequest.class).stream()
        .map(r -> new Listed(r.id(), r.requestedAt(), r.requestedBy(), r.requestedByName(), r.selection(), r.count()))
        .toList();
    return new History(items, page, size, total);
  }

  Progress progress(String groupId, String requestId) {
    InvitationRequest request = mongo.findById(requestId, InvitationRequest.class);
    if (request == null || !request.groupId().equals(groupId)) {
      throw new LocalizedProblem(HttpStatus.NOT_FOUND, "invitation.requestNotFound", requestId);
    }
    RosterQueries.RequestAnswers answers = queries.answers(groupId, requestId);
    return new Progress(requestId, request.count(), answers.sent(), answers.failed(),
        Objects.requireNonNullElse(request.skipped(), Skipped.NONE), request.reminder(),
        new Limits(limits.recentlyInvited().toDays(), limits.memberMinInterval().toMinutes(), limits.memberPerDay()));
  }

  /** Records what invitation-service reports (see {@link Members#recordInvitationStatus}). */
  void record(InvitationStatus status) {
    members.recordInvitationStatus(status);
  }
}

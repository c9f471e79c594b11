package coop.roster.member.invitation;

import coop.roster.member.group.Group;
import coop.roster.member.group.Groups;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Members;
import coop.roster.member.roster.RosterQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Nothing waits forever: an invitation that invitation-service neither sent nor reported failed within the answer
 * timeout is requested once more, same request id (invitation-service still invites a member once per request), and
 * marked failed ({@value #NO_ANSWER}), when the second request gets no answer either. Each step is a
 * conditional write, so that replicas sweeping at once do it once.
 */
@Component
class UnansweredInvitations {

  private static final Logger LOG = LoggerFactory.getLogger(UnansweredInvitations.class);
  /** Members handled per step of a sweep; the next sweep takes the rest. */
  private static final int SWEEP = 500;
  /**
   * The failure recorded, a code as invitation-service's reasons are ({@code code: detail}): the gateway words each
   * code in the coordinator's language ("le service d’envoi n’a pas répondu").
   */
  static final String NO_ANSWER = "no-answer: neither sent nor failed after being requested twice";

  private final Members members;
  private final Groups groups;
  private final RosterQueries roster;
  private final MongoTemplate mongo;
  private final Clock clock;
  private final Duration answerTimeout;
  private final Duration fullSweepInterval;
  /** When this instance next looks for unanswered invitations across the whole collection: at start-up first. */
  private Instant nextFullSweep = Instant.MIN;

  UnansweredInvitations(Members members, Groups groups, RosterQueries roster, MongoTemplate mongo, Clock clock,
      @Value("${roster.invitations.answer-timeout:PT15M}") Duration answerTimeout,
      @Value("${roster.invitations.full-sweep-interval:PT1H}") Duration fullSweepInterval) {
    this.members = members;
    this.groups = groups;
    this.roster = roster;
    this.mongo = mongo;
    this.clock = clock;
    this.answerTimeout = answerTimeout;
    this.fullSweepInterval = fullSweepInterval;
  }

  /**
   * Most sweeps look only at the members of recent requests (made within three answer timeouts: long enough for
   * both steps), found in the list's in-memory index and read by id; at start-up and every
   * {@code roster.invitations.full-sweep-interval} a sweep queries every member in flight, for what the others cannot
   * see (a request older than that, left while every instance was down). On mongo-java-server that query scans the
   * whole members collection under its lock: every minute, it held the member list for seconds during a large import.
   */
  @Scheduled(fixedDelayString = "${roster.invitations.sweep-interval:PT1M}",
      initialDelayString = "${roster.invitations.sweep-interval:PT1M}")
  void sweep() {
    Instant now = clock.instant();
    Instant before = now.minus(answerTimeout);
    boolean full = !now.isBefore(nextFullSweep);
    List<Member> unanswered;
    List<Member> unansweredAgain;
    if (full) {
      unanswered = members.unanswered(before, SWEEP);
      unansweredAgain = members.unansweredAgain(before, SWEEP);
      // A full sweep that found more than it takes goes on at the next one.
      nextFullSweep = unanswered.size() < SWEEP && unansweredAgain.size() < SWEEP ? now.plus(fullSweepInterval)
          : Instant.MIN;
    } else {
      List<Member> inFlight = ofRecentRequests(now.minus(answerTimeout.multipliedBy(3)));
      unanswered = inFlight.stream().filter(m -> m.invitation().requestedAgainAt() == null
          && m.invitation().lastRequestedAt() != null && m.invitation().lastRequestedAt().isBefore(before))
          .limit(SWEEP).toList();
      unansweredAgain = inFlight.stream().filter(m -> m.invitation().requestedAgainAt() != null
          && m.invitation().requestedAgainAt().isBefore(before)).limit(SWEEP).toList();
    }
    int again = 0;
    int failed = 0;
    Map<String, Optional<InvitationRequest>> requests = new HashMap<>();
    for (Member member : unanswered) {
      if (requestAgain(member, now, requests.computeIfAbsent(member.invitation().lastRequestId(),
          id -> Optional.ofNullable(mongo.findById(id, InvitationRequest.class))))) {
        again++;
      }
    }
    for (Member member : unansweredAgain) {
      if (members.failUnanswered(member, now, NO_ANSWER)) {
        failed++;
      }
    }
    if (again + failed > 0) {
      LOG.info("Invitations without answer after {}: {} requested again, {} marked failed", answerTimeout, again,
          failed);
    }
  }

  /**
   * The members whose last invitation is one of a request made since then and still in flight: their ids from the
   * list's index, then the members read by id (the conditional writes check their state again).
   */
  private List<Member> ofRecentRequests(Instant since) {
    Map<String, Set<String>> requestIdsByGroup = mongo.find(Query.query(where("requestedAt").gte(since)),
        InvitationRequest.class).stream().collect(Collectors.groupingBy(InvitationRequest::groupId,
        Collectors.mapping(InvitationRequest::id, Collectors.toSet())));
    List<Member> inFlight = new ArrayList<>();
    requestIdsByGroup.forEach((groupId, requestIds) -> {
      if (groups.find(groupId).isPresent()) {
        List<String> ids = roster.awaitingAnswer(groupId, requestIds);
        for (int from = 0; from < ids.size(); from += SWEEP) {
          members.byIds(groupId, ids.subList(from, Math.min(ids.size(), from + SWEEP))).stream()
              .filter(m -> m.invitation() != null && m.invitation().state() == Member.InvitationState.REQUESTED
                  && requestIds.contains(m.invitation().lastRequestId()))
              .forEach(inFlight::add);
        }
      }
    });
    return inFlight;
  }

  private boolean requestAgain(Member member, Instant now, Optional<InvitationRequest> request) {
    String requestId = member.invitation().lastRequestId();
    Group group = groups.find(member.groupId()).orElse(null);
    if (request.isEmpty() || group == null) {
      // Nothing to ask again with: the request or group is gone; the member's invitation ends failed.
      return members.failUnanswered(member, now, NO_ANSWER);
    }
    // The same id however often it is sent again: invitation-service and its consumers see one event.
    UUID eventId = UUID.nameUUIDFromBytes(("again:" + requestId + ":" + member.id()).getBytes(StandardCharsets.UTF_8));
    return members.requestAgain(member, now, Invitations.requested(request.get(), group, member, eventId));
  }
}

package coop.roster.member.invitation;

import coop.roster.member.group.Group;
import coop.roster.member.group.Groups;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Members;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
  private final MongoTemplate mongo;
  private final Clock clock;
  private final Duration answerTimeout;

  UnansweredInvitations(Members members, Groups groups, MongoTemplate mongo, Clock clock,
      @Value("${roster.invitations.answer-timeout:PT15M}") Duration answerTimeout) {
    this.members = members;
    this.groups = groups;
    this.mongo = mongo;
    this.clock = clock;
    this.answerTimeout = answerTimeout;
  }

  @Scheduled(fixedDelayString = "${roster.invitations.sweep-interval:PT1M}",
      initialDelayString = "${roster.invitations.sweep-interval:PT1M}")
  void sweep() {
    Instant now = clock.instant();
    Instant before = now.minus(answerTimeout);
    int again = 0;
    int failed = 0;
    Map<String, Optional<InvitationRequest>> requests = new HashMap<>();
    for (Member member : members.unanswered(before, SWEEP)) {
      if (requestAgain(member, now, requests.computeIfAbsent(member.invitation().lastRequestId(),
          id -> Optional.ofNullable(mongo.findById(id, InvitationRequest.class))))) {
        again++;
      }
    }
    for (Member member : members.unansweredAgain(before, SWEEP)) {
      if (members.failUnanswered(member, now, NO_ANSWER)) {
        failed++;
      }
    }
    if (again + failed > 0) {
      LOG.info("Invitations without answer after {}: {} requested again, {} marked failed", answerTimeout, again,
          failed);
    }
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

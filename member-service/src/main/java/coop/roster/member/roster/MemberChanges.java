package coop.roster.member.roster;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import coop.roster.member.web.Caller;
import coop.roster.member.web.GroupAccess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The group's history of members added, edited and removed by hand, and by whom ({@value MemberChange#COLLECTION}).
 * An entry is one document written right after the member's own single-document write, keyed by the event id of
 * that write, so a retry writes it once; it is kept for the retention period, then swept. Imports are not listed
 * here member by member: their history is import-service's list of imports.
 */
@Component
class MemberChanges {

  private final MongoTemplate mongo;
  private final Clock clock;
  private final Duration retention;

  MemberChanges(MongoTemplate mongo, Clock clock,
      @Value("${roster.member-changes.retention:P365D}") Duration retention) {
    this.mongo = mongo;
    this.clock = clock;
    this.retention = retention;
    mongo.getCollection(MemberChange.COLLECTION).createIndex(Indexes.ascending("groupId", "at"),
        new IndexOptions().name("group_at"));
  }

  /** A page of the group's changes, newest first. */
  record History(List<MemberChange> items, int page, int size, long total) {
  }

  History history(String groupId, int page, int size) {
    long total = mongo.count(Query.query(where("groupId").is(groupId)), MemberChange.class);
    List<MemberChange> items = mongo.find(Query.query(where("groupId").is(groupId))
        .with(Sort.by(Sort.Direction.DESC, "at", "_id")).skip((long) page * size).limit(size), MemberChange.class);
    return new History(items, page, size, total);
  }

  void added(Member member, UUID eventId) {
    record(member, MemberChange.Kind.ADDED, fullName(member), eventId);
  }

  void edited(Member member, UUID eventId) {
    record(member, MemberChange.Kind.EDITED, fullName(member), eventId);
  }

  /** The removal, and the removed member's name taken out of their earlier entries. */
  void removed(Member member, UUID eventId) {
    record(member, MemberChange.Kind.REMOVED, null, eventId);
    mongo.updateMulti(Query.query(where("memberId").is(member.id())), new Update().unset("memberName"),
        MemberChange.class);
  }

  private void record(Member member, MemberChange.Kind kind, String memberName, UUID eventId) {
    Caller caller = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken
        ? GroupAccess.caller() : null;
    mongo.save(new MemberChange(eventId.toString(), member.groupId(), clock.instant(), kind, member.id(), memberName,
        caller == null ? null : caller.email(), caller == null ? null : caller.name()));
  }

  private static String fullName(Member member) {
    return (member.person().firstName() + " " + member.person().lastName()).strip();
  }

  @Scheduled(fixedDelayString = "${roster.member-changes.sweep-interval:PT6H}", initialDelayString = "PT1M")
  void sweep() {
    mongo.remove(Query.query(where("at").lt(clock.instant().minus(retention))), MemberChange.class);
  }
}

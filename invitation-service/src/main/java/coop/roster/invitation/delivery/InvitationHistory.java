package coop.roster.invitation.delivery;

import coop.roster.invitation.directory.MemberErased;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** The invitation records as other packages may see and erase them: one member's, or every record older than a date. */
@Component
public class InvitationHistory {

  private final MongoTemplate mongo;

  InvitationHistory(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** One invitation sent (or failed) to a member, without the technical ids: what the member may read. */
  public record SentInvitation(String requestId, String email, String state, Instant at, Instant linkExpiresAt,
      String failure, String reason) {
  }

  /** The member's invitations in the group, oldest first. */
  public List<SentInvitation> ofMember(String groupId, String memberId) {
    return mongo.find(Query.query(where("memberId").is(memberId).and("groupId").is(groupId))
            .with(Sort.by("at")), InvitationRecord.class).stream()
        .map(r -> new SentInvitation(r.requestId(), r.email(), r.state().name(), r.at(), r.linkExpiresAt(),
            r.failure() == null ? null : r.failure().name(), r.reason()))
        .toList();
  }

  /** Deletes every record of an erased member; deleting again finds nothing. */
  @EventListener
  void erase(MemberErased erased) {
    mongo.remove(Query.query(where("memberId").is(erased.memberId())), InvitationRecord.class);
  }

  /** Deletes the records written before {@code cutoff}: by date, so replicas purging at once delete each once. */
  public long purgeBefore(Instant cutoff) {
    return mongo.remove(Query.query(where("at").lt(cutoff)), InvitationRecord.class).getDeletedCount();
  }
}

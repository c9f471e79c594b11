package coop.roster.imports.roster;

import coop.roster.events.Emails;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberRemoved;
import coop.roster.events.MemberUpdated;
import coop.roster.events.RosterChange;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Each group's member e-mails, kept in step with the roster's events. Applying an event twice
 * changes nothing, so redeliveries are harmless.
 */
@Component
public class GroupMembers {

  private final MongoTemplate mongo;

  GroupMembers(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The normalised e-mails of the group's members, as far as the roster's events told so far. */
  public Set<String> emails(String groupId) {
    Set<String> emails = new HashSet<>();
    var q = query(where("groupId").is(groupId));
    q.fields().include("email");
    mongo.stream(q, KnownMember.class).forEach(member -> emails.add(member.email()));
    return emails;
  }

  void apply(RosterChange change) {
    switch (change) {
      case MemberAdded added -> remember(added.memberId(), added.groupId(), added.person().email());
      case MemberUpdated updated -> remember(updated.memberId(), updated.groupId(), updated.person().email());
      case MemberRemoved removed -> mongo.remove(query(where("_id").is(removed.memberId())), KnownMember.class);
    }
  }

  private void remember(String memberId, String groupId, String email) {
    mongo.upsert(query(where("_id").is(memberId)),
        new Update().set("groupId", groupId).set("email", Emails.normalize(email)), KnownMember.class);
  }
}

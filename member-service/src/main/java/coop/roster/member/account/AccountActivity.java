package coop.roster.member.account;

import coop.roster.events.Emails;
import coop.roster.events.IdentityEvent;
import coop.roster.events.MemberLoggedIn;
import coop.roster.events.PasswordSet;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Members;
import coop.roster.member.roster.RosterChanges;
import coop.roster.messaging.EventRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The binding of {@code identity.events.v1}: a login or a password set is recorded on the member with
 * that e-mail in every group, keeping the latest time, so a redelivered or late event changes nothing.
 * An e-mail no member has is ignored.
 */
@Configuration(proxyBeanMethods = false)
class AccountActivity {

  @Bean
  Consumer<byte[]> identityEvent(MongoTemplate mongo, Members members, RosterChanges changes) {
    return EventRecords.reading(IdentityEvent.class, event -> {
      String field = switch (event) {
        case MemberLoggedIn login -> "account.lastLoginAt";
        case PasswordSet password -> "account.passwordSetAt";
      };
      List<Member> found = members.withEmail(Emails.normalize(event.email()));
      if (found.isEmpty()) {
        return;
      }
      var updated = mongo.updateMulti(Query.query(where("_id").in(found.stream().map(Member::id).toList())
              .orOperator(where(field).is(null), where(field).lt(event.occurredAt()))),
          new Update().set(field, event.occurredAt()), Member.class);
      if (updated.getModifiedCount() > 0) {
        changes.record(found.stream().collect(Collectors.groupingBy(Member::groupId,
            Collectors.mapping(Member::id, Collectors.toList()))));
      }
    });
  }
}

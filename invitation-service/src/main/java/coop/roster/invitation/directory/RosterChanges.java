package coop.roster.invitation.directory;

import coop.roster.events.Emails;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberRemoved;
import coop.roster.events.MemberUpdated;
import coop.roster.events.Person;
import coop.roster.events.RosterChange;
import coop.roster.invitation.keycloak.Accounts;
import coop.roster.invitation.keycloak.NewAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a batch of {@code members.roster.v1}: remembers members for previews, and makes sure everyone
 * added has a Keycloak account, all of the batch's missing accounts created together. Replaying a batch
 * changes nothing (upserts, and 409 for accounts that exist).
 */
@Component
class RosterChanges {

  private static final Logger LOG = LoggerFactory.getLogger(RosterChanges.class);

  private final Directory directory;
  private final Accounts accounts;

  RosterChanges(Directory directory, Accounts accounts) {
    this.directory = directory;
    this.accounts = accounts;
  }

  void apply(List<RosterChange> changes) {
    Map<String, KnownMember> upserts = new LinkedHashMap<>();
    List<String> removed = new ArrayList<>();
    Map<String, NewAccount> people = new LinkedHashMap<>();
    for (RosterChange change : changes) {
      String id = KnownMember.id(change.groupId(), change.memberId());
      switch (change) {
        case MemberAdded added -> {
          upserts.put(id, member(id, added.groupId(), added.memberId(), added.person()));
          removed.remove(id);
          needsAccount(people, added.person());
        }
        case MemberUpdated updated -> {
          upserts.put(id, member(id, updated.groupId(), updated.memberId(), updated.person()));
          removed.remove(id);
          // A changed e-mail is another person's login: that person needs an account too.
          needsAccount(people, updated.person());
        }
        case MemberRemoved gone -> {
          // The account stays: the person may be a member elsewhere, and their login is theirs.
          upserts.remove(id);
          removed.add(id);
        }
      }
    }
    directory.apply(List.copyOf(upserts.values()), removed);
    if (!people.isEmpty()) {
      Map<String, Accounts.Outcome> outcomes = accounts.ensure(people.values());
      long created = outcomes.values().stream().filter(Accounts.Outcome.CREATED::equals).count();
      LOG.info("{} member accounts asked for, {} created", outcomes.size(), created);
    }
  }

  private static KnownMember member(String id, String groupId, String memberId, Person person) {
    return new KnownMember(id, groupId, memberId, person == null ? null : Emails.normalize(person.email()),
        person == null ? null : person.firstName(), person == null ? null : person.lastName());
  }

  private static void needsAccount(Map<String, NewAccount> people, Person person) {
    String email = person == null ? null : Emails.normalize(person.email());
    if (email != null && !email.isBlank()) {
      people.putIfAbsent(email, new NewAccount(email, person.firstName(), person.lastName()));
    }
  }
}

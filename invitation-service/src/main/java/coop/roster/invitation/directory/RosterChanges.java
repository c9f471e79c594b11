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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch of {@code members.roster.v1}: remembers members for previews, and, when accounts are made on
 * arrival ({@code roster.invitations.keycloak.accounts-on-member-added}; otherwise at the first invitation), makes
 * sure everyone added has a Keycloak account, all of the batch's missing accounts created together. Replaying a batch
 * changes nothing (upserts, and 409 for accounts that exist). A removed member is erased: their account when
 * nobody else uses it, whatever else this service keeps of them ({@link MemberErased}), and a tombstone is left so
 * that a replayed addition never brings them back.
 */
@Component
class RosterChanges {

  private static final Logger LOG = LoggerFactory.getLogger(RosterChanges.class);

  private final Directory directory;
  private final Accounts accounts;
  private final ApplicationEventPublisher erasures;
  private final Clock clock;
  private final boolean accountsOnArrival;

  RosterChanges(Directory directory, Accounts accounts, ApplicationEventPublisher erasures, Clock clock,
      @Value("${roster.invitations.keycloak.accounts-on-member-added}") boolean accountsOnArrival) {
    this.directory = directory;
    this.accounts = accounts;
    this.erasures = erasures;
    this.clock = clock;
    this.accountsOnArrival = accountsOnArrival;
  }

  void apply(List<RosterChange> changes) {
    Map<String, KnownMember> upserts = new LinkedHashMap<>();
    Map<String, MemberRemoved> gone = new LinkedHashMap<>();
    Map<String, NewAccount> people = new LinkedHashMap<>();
    Set<String> erased = directory.erased(changes.stream().map(RosterChange::memberId).toList());
    for (RosterChange change : changes) {
      String id = KnownMember.id(change.groupId(), change.memberId());
      if (erased.contains(change.memberId())) {
        continue;  // replayed or late: an erased member stays erased
      }
      switch (change) {
        case MemberAdded added -> {
          upserts.put(id, member(id, added.groupId(), added.memberId(), added.person()));
          gone.remove(id);
          needsAccount(people, added.person());
        }
        case MemberUpdated updated -> {
          upserts.put(id, member(id, updated.groupId(), updated.memberId(), updated.person()));
          gone.remove(id);
          // A changed e-mail is another person's login: that person needs an account too.
          needsAccount(people, updated.person());
        }
        case MemberRemoved removal -> {
          gone.put(id, removal);
        }
      }
    }
    // Erased after the batch's other changes are written, so that "does anyone else use this e-mail" sees them.
    Map<String, KnownMember> addedThenRemoved = new LinkedHashMap<>();
    gone.keySet().forEach(id -> {
      KnownMember member = upserts.remove(id);
      if (member != null) {
        addedThenRemoved.put(id, member);
      }
    });
    directory.apply(List.copyOf(upserts.values()));
    if (accountsOnArrival && !people.isEmpty()) {
      Map<String, Accounts.Outcome> outcomes = accounts.ensure(people.values());
      long created = outcomes.values().stream().filter(Accounts.Outcome.CREATED::equals).count();
      LOG.info("{} member accounts asked for, {} created", outcomes.size(), created);
    }
    gone.forEach((id, removal) -> erase(id, removal,
        directory.member(removal.groupId(), removal.memberId()).orElse(addedThenRemoved.get(id))));
  }

  /**
   * Account first, tombstone last: a failure on the way (Keycloak away) leaves what is needed to finish when the
   * batch is tried again.
   */
  private void erase(String id, MemberRemoved removal, KnownMember known) {
    String email = known == null ? null : known.email();
    if (email != null && !email.isBlank() && !directory.othersWithEmail(email, id)
        && directory.groupsCoordinatedBy(email).isEmpty()) {
      accounts.deleteUnlessCoordinating(email);
    }
    erasures.publishEvent(new MemberErased(removal.groupId(), removal.memberId()));
    directory.erase(removal.groupId(), removal.memberId(), clock.instant());
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

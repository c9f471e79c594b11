package coop.roster.member.roster;

import coop.roster.member.group.Reminders;
import coop.roster.member.roster.Member.Account;
import coop.roster.member.roster.Member.Invitation;
import coop.roster.member.roster.Member.InvitationState;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.RosterFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Due for an automatic reminder" is written twice: as the store's criteria, which the reminders pass claims by,
 * and in Java, which tells the list's "Prochaine relance le …" ({@link Reminders#nextFor}). Over every combination
 * of what decides it, the members the store finds due are exactly those whose next reminder date has come.
 */
@AgainstRealServers
class DueForReminderIT {

  private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  private static final Reminders REMINDERS = new Reminders(true, 7, 2);

  @Autowired
  MongoTemplate mongo;
  @Autowired
  Members members;

  @Test
  void theMembersTheReminderPassFindsDueAreThoseTheListShowsAReminderDateForThatHasCome() {
    String groupId = RosterFixtures.newGroupId("due");
    Instant sentBefore = NOW.minus(REMINDERS.delay());
    List<Instant> sentAts = Arrays.asList(null, sentBefore.minusSeconds(86_400), sentBefore,
        sentBefore.plusSeconds(1));
    List<Account> accounts = Arrays.asList(null, new Account(null, null), new Account(NOW.minusSeconds(60), null),
        new Account(null, NOW.minusSeconds(60)));
    List<Integer> reminded = Arrays.asList(null, 0, 1, 2, 3);
    List<Member> all = new ArrayList<>();
    for (InvitationState state : Arrays.asList(null, InvitationState.REQUESTED, InvitationState.SENT,
        InvitationState.FAILED)) {
      for (Instant sentAt : sentAts) {
        for (Account account : accounts) {
          for (Integer times : reminded) {
            Invitation invitation = state == null ? null : new Invitation(state, "request-1",
                NOW.minus(Duration.ofDays(20)), sentAt, null, null, null, sentAt, null, null, times);
            all.add(new Member(groupId + "-" + all.size(), groupId, groupId + ":m" + all.size() + "@example.org",
                null, null, null, Member.Source.manual(), NOW, NOW, invitation, account, "m" + all.size(), "",
                null, null));
          }
        }
      }
    }
    mongo.insertAll(all);

    Set<String> dueInTheStore = members.dueForReminder(groupId, sentBefore, REMINDERS.atMost(), all.size()).stream()
        .map(Member::id).collect(Collectors.toSet());
    Set<String> dueInJava = all.stream()
        .filter(member -> {
          Instant next = REMINDERS.nextFor(member);
          return next != null && !next.isAfter(NOW);
        })
        .map(Member::id).collect(Collectors.toSet());
    Set<String> withADateToCome = all.stream()
        .filter(member -> Objects.requireNonNullElse(REMINDERS.nextFor(member), Instant.MIN).isAfter(NOW))
        .map(Member::id).collect(Collectors.toSet());

    assertThat(dueInTheStore).isEqualTo(dueInJava);
    // Neither side trivially empty: some members are due, some have a date still to come, most are never reminded.
    assertThat(dueInJava).isNotEmpty().hasSizeLessThan(all.size());
    assertThat(withADateToCome).isNotEmpty().doesNotContainAnyElementsOf(dueInTheStore);
  }
}

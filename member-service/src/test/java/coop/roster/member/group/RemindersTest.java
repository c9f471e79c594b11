package coop.roster.member.group;

import coop.roster.events.Person;
import coop.roster.member.roster.Member;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a member's next automatic reminder is due, as the list and the member page show it. */
class RemindersTest {

  private static final Instant SENT = Instant.parse("2026-12-01T09:00:00Z");
  private static final Reminders ON = new Reminders(true, 7, 2);

  @Test
  void aMemberSentAnInvitationAndNotActivatedIsDueNDaysAfterTheLastMailSent() {
    assertThat(ON.nextFor(invited("SENT", 0, null))).isEqualTo(SENT.plus(Duration.ofDays(7)));
    assertThat(ON.nextFor(invited("SENT", 1, null))).isEqualTo(SENT.plus(Duration.ofDays(7)));
  }

  @Test
  void noReminderIsDueWhenOffInFlightFailedActivatedOrRemindedTheMostTimes() {
    assertThat(Reminders.DEFAULT.nextFor(invited("SENT", 0, null))).isNull();
    assertThat(ON.nextFor(invited("REQUESTED", 0, null))).isNull();
    assertThat(ON.nextFor(invited("FAILED", 0, null))).isNull();
    assertThat(ON.nextFor(invited("SENT", 2, null))).isNull();
    assertThat(ON.nextFor(invited("SENT", 0, new Member.Account(SENT, null)))).isNull();
    assertThat(ON.nextFor(invited("SENT", 0, new Member.Account(null, SENT)))).isNull();
    assertThat(ON.nextFor(member(null, null))).isNull();
  }

  @Test
  void aGroupWrittenBeforeRemindersExistedRemindsNoOneAfterSevenDaysAtMostTwice() {
    Group old = new Group("amap", "AMAP", "amap", List.of(), "fr", SENT, null);

    assertThat(old.remindersOrDefault()).isEqualTo(new Reminders(false, 7, 2));
  }

  private static Member invited(String state, int reminders, Member.Account account) {
    return member(new Member.Invitation(Member.InvitationState.valueOf(state), "r1", SENT, SENT, null, null, null,
        SENT, null, List.of(SENT), reminders == 0 ? null : reminders), account);
  }

  private static Member member(Member.Invitation invitation, Member.Account account) {
    Member member = Member.create("m1", "amap", new Person("Rita", "Relance", "rita@amap.example", null), null, null,
        Member.Source.manual(), SENT);
    return new Member(member.id(), member.groupId(), member.groupEmail(), member.person(), member.partner(),
        member.address(), member.source(), member.createdAt(), member.updatedAt(), invitation, account,
        member.sortName(), member.searchText(), member.partnerId(), member.language());
  }
}

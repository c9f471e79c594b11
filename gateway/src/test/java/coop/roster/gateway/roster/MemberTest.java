package coop.roster.gateway.roster;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The badge next to a member says what matters most about them. */
class MemberTest {

  private static final Instant MARCH = Instant.parse("2026-03-12T10:00:00Z");

  @Test
  void aMemberWhoLoggedInIsShownAsLoggedInWhateverTheirInvitation() {
    Member member = member(invitation("FAILED", "recipient-rejected: 550 no such user"),
        new Member.Account(MARCH, MARCH));
    assertThat(member.status()).isEqualTo(Member.Status.LOGGED_IN);
  }

  @Test
  void aFailedInvitationIsShownWithItsReason() {
    Member member = member(invitation("FAILED", "recipient-rejected: 550 5.1.1 no such user"), null);
    assertThat(member.status()).isEqualTo(Member.Status.INVITATION_FAILED);
    assertThat(member.invitation().failureCode()).isEqualTo("recipient-rejected");
  }

  @Test
  void aReasonWithoutDetailsIsItsOwnCodeAndNoReasonIsUnknown() {
    assertThat(invitation("FAILED", "invalid-address").failureCode()).isEqualTo("invalid-address");
    assertThat(invitation("FAILED", null).failureCode()).isEqualTo("unknown");
  }

  @Test
  void invitedSendingAndNeverInvitedMembersAreToldApart() {
    assertThat(member(invitation("SENT", null), null).status()).isEqualTo(Member.Status.INVITED);
    assertThat(member(invitation("REQUESTED", null), null).status()).isEqualTo(Member.Status.INVITATION_SENDING);
    assertThat(member(null, null).status()).isEqualTo(Member.Status.NEVER_INVITED);
    assertThat(member(invitation("SENT", null), new Member.Account(MARCH, null)).status())
        .isEqualTo(Member.Status.PASSWORD_SET);
  }

  @Test
  void aListCountsItsPagesAndKnowsItsNeighbours() {
    MemberList list = new MemberList("ALL", null, "lastName,asc", 1, 50, 101, java.util.Map.of("ALL", 101L),
        java.util.List.of());
    assertThat(list.pages()).isEqualTo(3);
    assertThat(list.hasPrevious()).isTrue();
    assertThat(list.hasNext()).isTrue();
    assertThat(list.count(Selection.ALL)).isEqualTo(101);
    assertThat(list.count(Selection.LOGGED_IN)).isZero();
  }

  @Test
  void anUnknownSelectionInTheAddressIsEverybody() {
    assertThat(Selection.parse("NEVER_LOGGED_IN")).isEqualTo(Selection.NEVER_LOGGED_IN);
    assertThat(Selection.parse("DROP TABLE")).isEqualTo(Selection.ALL);
  }

  @Test
  void aNextReminderWhoseDateHasPassedIsTheNextPassAndAMemberWithoutOneHasNone() {
    Instant later = Instant.now().plusSeconds(86_400);
    Member invited = member(invitation("SENT", null), null);

    assertThat(withNextReminder(invited, later).nextReminder()).isEqualTo(later);
    assertThat(withNextReminder(invited, MARCH).nextReminder()).isAfter(MARCH).isBefore(later);
    assertThat(invited.nextReminder()).isNull();
  }

  private static Member withNextReminder(Member m, Instant at) {
    return new Member(m.id(), m.groupId(), m.person(), m.partner(), m.address(), m.source(), m.createdAt(),
        m.updatedAt(), m.invitation(), m.account(), m.partnerMember(), m.language(), at);
  }

  private static Member.Invitation invitation(String state, String reason) {
    return new Member.Invitation(state, MARCH, "SENT".equals(state) ? MARCH : null,
        "FAILED".equals(state) ? MARCH : null, "FAILED".equals(state) ? "PERMANENT" : null, reason);
  }

  private static Member member(Member.Invitation invitation, Member.Account account) {
    return new Member("m1", "g", new Member.Person("Camille", "Martin", "camille@example.org", null), null, null,
        "IMPORT", MARCH, MARCH, invitation, account);
  }
}

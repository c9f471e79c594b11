package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.MemberSource;
import coop.roster.events.Person;
import coop.roster.member.group.Reminders;

import java.time.Instant;

/**
 * A member as the API shows them.
 *
 * @param invitation their last invitation, or {@code null} when never invited
 * @param account    their password and logins, or {@code null} when none recorded
 * @param partnerMember the member this one shares a household with, or {@code null}
 * @param language   their preferred language ({@code fr}, {@code en}), or {@code null}: the group's
 * @param nextReminderAt when the group's automatic reminders will remind them (the next pass after it), or
 *                   {@code null}: reminders off, not due (not invited, activated, failed, in flight) or all sent
 */
record MemberView(
    String id,
    String groupId,
    Person person,
    Person partner,
    Address address,
    MemberSource source,
    String importId,
    Instant createdAt,
    Instant updatedAt,
    Member.Invitation invitation,
    Member.Account account,
    PartnerMember partnerMember,
    String language,
    Instant nextReminderAt) {

  /** The other member of the household, as a link to their page. */
  record PartnerMember(String id, String firstName, String lastName, String email) {
  }

  static MemberView of(Member member) {
    return of(member, null);
  }

  /** The member, with their partner, and when the group's automatic reminders will remind them. */
  static MemberView of(Member member, Member partnerMember, Reminders reminders) {
    return new MemberView(member.id(), member.groupId(), member.person(), member.partner(), member.address(),
        member.source().kind(), member.source().importId(), member.createdAt(), member.updatedAt(),
        member.invitation(), member.account(), partnerMember == null ? null
        : new PartnerMember(partnerMember.id(), partnerMember.person().firstName(),
            partnerMember.person().lastName(), partnerMember.person().email()),
        member.language(), reminders == null ? null : reminders.nextFor(member));
  }

  /** The member, with the member they share a household with ({@code null}: none, or removed meanwhile). */
  static MemberView of(Member member, Member partnerMember) {
    return of(member, partnerMember, null);
  }
}

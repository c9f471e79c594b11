package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.MemberSource;
import coop.roster.events.Person;

import java.time.Instant;

/**
 * A member as the API shows them.
 *
 * @param invitation their last invitation, or {@code null} when never invited
 * @param account    their password and logins, or {@code null} when none recorded
 * @param language   their preferred language ({@code fr}, {@code en}), or {@code null}: the group's
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
    String language) {

  static MemberView of(Member member) {
    return new MemberView(member.id(), member.groupId(), member.person(), member.partner(), member.address(),
        member.source().kind(), member.source().importId(), member.createdAt(), member.updatedAt(),
        member.invitation(), member.account(), member.language());
  }
}

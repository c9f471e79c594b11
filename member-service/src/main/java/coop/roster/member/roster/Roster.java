package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberRemoved;
import coop.roster.events.MemberUpdated;
import coop.roster.events.Person;
import coop.roster.member.group.Groups;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Changes a coordinator makes to a roster by hand. Each change is written with its announcement on
 * {@code members.roster.v1} (see {@link Members}, their one writer).
 */
@Service
public class Roster {

  private final Members members;
  private final Groups groups;
  private final ApplicationEventPublisher removals;
  private final Clock clock;
  private final MemberChanges changes;

  Roster(Members members, Groups groups, ApplicationEventPublisher removals, Clock clock, MemberChanges changes) {
    this.members = members;
    this.groups = groups;
    this.removals = removals;
    this.clock = clock;
    this.changes = changes;
  }

  public Member get(String groupId, String memberId) {
    return members.find(groupId, memberId).orElseThrow(() -> new MemberNotFoundException(memberId));
  }

  /** Adds a member by hand; a second member with the same e-mail in the group is refused. */
  public Member create(String groupId, Person person, Person partner, Address address) {
    return create(groupId, person, partner, address, null);
  }

  /** As {@link #create(String, Person, Person, Address)}, the member preferring {@code language} (null: the group's). */
  public Member create(String groupId, Person person, Person partner, Address address, String language) {
    groups.get(groupId);
    Instant now = clock.instant();
    Member member = Member.create(Member.newId(), groupId, person, partner, address,
        Member.Source.manual(), now).withLanguage(language);
    UUID eventId = UUID.randomUUID();
    try {
      members.create(member, added(member, eventId));
    } catch (DuplicateKeyException e) {
      throw duplicateOf(groupId, member.person().email(), e);
    }
    changes.added(member, eventId);
    return member;
  }

  /**
   * Adds a member by hand as the partner of {@code partnerOfId} ("Ajouter son conjoint"): both are linked as one
   * household, and the partner noted on the first member's page (now a member of their own) leaves it. Refused if
   * the first member is linked to another member already.
   */
  public Member createPartner(String groupId, String partnerOfId, Person person, Address address,
      String language) {
    Member first = get(groupId, partnerOfId);
    if (first.partnerId() != null && members.find(groupId, first.partnerId()).isPresent()) {
      throw new HouseholdTakenException(first);
    }
    groups.get(groupId);
    Instant now = clock.instant();
    Member member = Member.create(Member.newId(), groupId, person, null, address,
        Member.Source.manual(), now).withPartnerId(first.id()).withLanguage(language);
    try {
      members.create(member, added(member, UUID.randomUUID()));
    } catch (DuplicateKeyException e) {
      throw duplicateOf(groupId, member.person().email(), e);
    }
    Member linked = first.withDetails(first.person(), null, first.address(), now).withPartnerId(member.id());
    members.updateDetails(linked, updated(linked, UUID.randomUUID()));
    return member;
  }

  public Member update(String groupId, String memberId, Person person, Person partner, Address address) {
    return update(groupId, memberId, person, partner, address, get(groupId, memberId).language());
  }

  /** As {@link #update(String, String, Person, Person, Address)}, the member now preferring {@code language}. */
  public Member update(String groupId, String memberId, Person person, Person partner, Address address,
      String language) {
    Member existing = get(groupId, memberId);
    if (existing.hasDetails(person, partner, address)
        && Objects.equals(existing.language(), existing.withLanguage(language).language())) {
      return existing;
    }
    Member updated = existing.withDetails(person, partner, address, clock.instant()).withLanguage(language);
    UUID eventId = UUID.randomUUID();
    try {
      members.updateDetails(updated, updated(updated, eventId));
    } catch (DuplicateKeyException e) {
      throw duplicateOf(groupId, updated.person().email(), e);
    }
    changes.edited(updated, eventId);
    return updated;
  }

  /**
   * Announced, in process, before a member is removed: whoever holds something of theirs (their coordinator right)
   * gives it up first, or refuses the removal by throwing.
   */
  public record Removal(String groupId, String memberId, String email) {
  }

  public void remove(String groupId, String memberId) {
    Member member = get(groupId, memberId);
    removals.publishEvent(new Removal(groupId, memberId, member.person().email()));
    UUID eventId = UUID.randomUUID();
    // No e-mail: an erased person's removal carries nothing of theirs; consumers find what they kept by member id.
    if (members.remove(member, new MemberRemoved(eventId, clock.instant(), member.id(), groupId, null))) {
      changes.removed(member, eventId);
    }
    if (member.partnerId() != null) {
      // The other person of the household stays, on their own.
      members.unlinkPartner(groupId, member.partnerId(), member.id());
    }
  }

  private DuplicateMemberException duplicateOf(String groupId, String email, DuplicateKeyException cause) {
    return members.findByEmail(groupId, email).map(DuplicateMemberException::new).orElseThrow(() -> cause);
  }

  public static MemberAdded added(Member member, UUID eventId) {
    return new MemberAdded(eventId, member.createdAt(), member.id(), member.groupId(), member.person(),
        member.partner(), member.address(), member.source().kind(), member.source().importId(), member.language());
  }

  public static MemberUpdated updated(Member member, UUID eventId) {
    return new MemberUpdated(eventId, member.updatedAt(), member.id(), member.groupId(), member.person(),
        member.partner(), member.address(), member.language());
  }
}

package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberRemoved;
import coop.roster.events.MemberUpdated;
import coop.roster.events.Person;
import coop.roster.member.group.Groups;
import coop.roster.member.messaging.EventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Changes a coordinator makes to a roster by hand. Each change is written, the group's roster marked
 * as changed, then announced on {@code members.roster.v1}.
 */
@Service
public class Roster {

  private final Members members;
  private final Groups groups;
  private final RosterChanges changes;
  private final EventPublisher events;
  private final Clock clock;

  Roster(Members members, Groups groups, RosterChanges changes, EventPublisher events, Clock clock) {
    this.members = members;
    this.groups = groups;
    this.changes = changes;
    this.events = events;
    this.clock = clock;
  }

  public Member get(String groupId, String memberId) {
    return members.find(groupId, memberId).orElseThrow(() -> new MemberNotFoundException(memberId));
  }

  /** Adds a member by hand; a second member with the same e-mail in the group is refused. */
  public Member create(String groupId, Person person, Person partner, Address address) {
    groups.get(groupId);
    Instant now = clock.instant();
    Member member = Member.create(UUID.randomUUID().toString(), groupId, person, partner, address,
        Member.Source.manual(), now);
    try {
      members.insert(member);
    } catch (DuplicateKeyException e) {
      throw duplicateOf(groupId, member.person().email(), e);
    }
    changes.record(groupId, List.of(member.id()));
    events.publish(added(member, UUID.randomUUID()));
    return member;
  }

  public Member update(String groupId, String memberId, Person person, Person partner, Address address) {
    Member existing = get(groupId, memberId);
    if (existing.hasDetails(person, partner, address)) {
      return existing;
    }
    Member updated = existing.withDetails(person, partner, address, clock.instant());
    try {
      members.save(updated);
    } catch (DuplicateKeyException e) {
      throw duplicateOf(groupId, updated.person().email(), e);
    }
    changes.record(groupId, List.of(memberId));
    events.publish(updated(updated, UUID.randomUUID()));
    return updated;
  }

  public void remove(String groupId, String memberId) {
    Member member = get(groupId, memberId);
    if (members.delete(member)) {
      changes.record(groupId, List.of(memberId));
      events.publish(new MemberRemoved(UUID.randomUUID(), clock.instant(), member.id(), groupId,
          member.person().email()));
    }
  }

  private DuplicateMemberException duplicateOf(String groupId, String email, DuplicateKeyException cause) {
    return members.findByEmail(groupId, email).map(DuplicateMemberException::new).orElseThrow(() -> cause);
  }

  public static MemberAdded added(Member member, UUID eventId) {
    return new MemberAdded(eventId, member.createdAt(), member.id(), member.groupId(), member.person(),
        member.partner(), member.address(), member.source().kind(), member.source().importId());
  }

  public static MemberUpdated updated(Member member, UUID eventId) {
    return new MemberUpdated(eventId, member.updatedAt(), member.id(), member.groupId(), member.person(),
        member.partner(), member.address());
  }
}

package coop.roster.member.group;

import coop.roster.events.Emails;
import coop.roster.events.GroupCoordinatorsChanged;
import coop.roster.events.GroupCreated;
import coop.roster.events.Person;
import coop.roster.member.messaging.EventPublisher;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Members;
import coop.roster.member.roster.Roster;
import coop.roster.member.web.Caller;
import coop.roster.member.web.LocalizedProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Creates groups and widens their coordinators; each change is announced on {@code groups.v1}, from
 * which invitation-service keeps the coordinators' access tokens in step.
 */
@Service
public class GroupAdministration {

  private final Groups groups;
  private final Members members;
  private final Roster roster;
  private final EventPublisher events;
  private final Clock clock;

  GroupAdministration(Groups groups, Members members, Roster roster, EventPublisher events, Clock clock) {
    this.groups = groups;
    this.members = members;
    this.roster = roster;
    this.events = events;
    this.clock = clock;
  }

  Group get(String groupId) {
    return groups.get(groupId);
  }

  List<Group> visibleTo(Caller caller) {
    return caller.platformAdmin() ? groups.all() : groups.withIds(caller.coordinatedGroups());
  }

  /** A new group whose first coordinator is also its first member; 409 when the id is taken. */
  Group create(String id, String name, String coordinatorEmail, String firstName, String lastName) {
    Group group = new Group(id, name.strip(), id, List.of(Emails.normalize(coordinatorEmail)), Group.DEFAULT_LOCALE,
        clock.instant());
    if (!groups.insert(group)) {
      throw new LocalizedProblem(HttpStatus.CONFLICT, "group.exists", id);
    }
    roster.create(id, new Person(firstName, lastName, coordinatorEmail, null), null, null);
    events.publish(created(group, UUID.randomUUID()));
    return group;
  }

  /**
   * Ensures the group exists with this coordinator among its members and coordinators, and announces it;
   * for the demo group of the local stack, run at every start.
   */
  public Group ensure(String id, String name, Person coordinator) {
    Instant now = clock.instant();
    String email = Emails.normalize(coordinator.email());
    groups.insert(new Group(id, name, id, List.of(email), Group.DEFAULT_LOCALE, now));
    Group group = groups.addCoordinator(id, email);
    if (members.findByEmail(id, email).isEmpty()) {
      roster.create(id, coordinator, null, null);
    }
    // A stable event id: replaying the seed announces nothing new.
    events.publish(created(group, UUID.nameUUIDFromBytes(("group-seed:" + id).getBytes())));
    return group;
  }

  Group addCoordinator(String groupId, String memberId) {
    Member member = roster.get(groupId, memberId);
    Group before = groups.get(groupId);
    Group after = groups.addCoordinator(groupId, member.person().email());
    if (!after.coordinators().equals(before.coordinators())) {
      events.publish(new GroupCoordinatorsChanged(UUID.randomUUID(), clock.instant(), groupId, after.name(),
          after.coordinators()));
    }
    return after;
  }

  private GroupCreated created(Group group, UUID eventId) {
    return new GroupCreated(eventId, group.createdAt(), group.id(), group.name(), group.slug(), group.coordinators());
  }
}

package coop.roster.member.group;

import coop.roster.events.Emails;
import coop.roster.events.GroupCoordinatorsChanged;
import coop.roster.events.GroupCreated;
import coop.roster.events.Person;
import coop.roster.events.RosterEvent;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Members;
import coop.roster.member.roster.Roster;
import coop.roster.member.web.Caller;
import coop.roster.member.web.LocalizedProblem;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creates groups and changes their coordinators (a group always keeps one); each change is written with its
 * announcement on {@code groups.v1}, from which invitation-service keeps the coordinators' access tokens in step.
 */
@Service
public class GroupAdministration {

  private final Groups groups;
  private final Members members;
  private final Roster roster;
  private final Clock clock;

  GroupAdministration(Groups groups, Members members, Roster roster, Clock clock) {
    this.groups = groups;
    this.members = members;
    this.roster = roster;
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
        clock.instant(), null);
    if (!groups.insert(group, created(group, UUID.randomUUID()))) {
      throw new LocalizedProblem(HttpStatus.CONFLICT, "group.exists", id);
    }
    roster.create(id, new Person(firstName, lastName, coordinatorEmail, null), null, null);
    return group;
  }

  /**
   * Ensures the group exists with this coordinator among its members and coordinators, and announces it;
   * for the demo group of the local stack, run at every start.
   */
  public Group ensure(String id, String name, Person coordinator) {
    Instant now = clock.instant();
    String email = Emails.normalize(coordinator.email());
    Group fresh = new Group(id, name, id, List.of(email), Group.DEFAULT_LOCALE, now, null);
    // A stable event id: replaying the seed announces nothing new.
    UUID announcement = UUID.nameUUIDFromBytes(("group-seed:" + id).getBytes(StandardCharsets.UTF_8));
    if (!groups.insert(fresh, created(fresh, announcement))) {
      groups.announce(id, created(groups.get(id), announcement));
    }
    Group group = groups.changeCoordinators(id, coordinators -> with(coordinators, email), this::coordinatorsChanged);
    if (members.findByEmail(id, email).isEmpty()) {
      roster.create(id, coordinator, null, null);
    }
    return group;
  }

  /**
   * The group's language (what its mails are written in for members without one of their own) and, unless
   * {@code null}, its automatic reminders of members invited and not activated.
   */
  Group changeSettings(String groupId, String language, Reminders reminders) {
    return groups.changeSettings(groupId, language, reminders);
  }

  Group addCoordinator(String groupId, String memberId) {
    Member member = roster.get(groupId, memberId);
    String email = Emails.normalize(member.person().email());
    return groups.changeCoordinators(groupId, coordinators -> with(coordinators, email), this::coordinatorsChanged);
  }

  /** Takes a member's coordinator right away; 404 when they have none, 409 when they are the last coordinator. */
  Group removeCoordinator(String groupId, String memberId) {
    Member member = roster.get(groupId, memberId);
    String email = Emails.normalize(member.person().email());
    groups.get(groupId);
    return groups.changeCoordinators(groupId, coordinators -> {
      if (!coordinators.contains(email)) {
        throw new LocalizedProblem(HttpStatus.NOT_FOUND, "group.notCoordinator");
      }
      return without(coordinators, email);
    }, this::coordinatorsChanged);
  }

  /** A member about to be removed loses their coordinator right first; the last coordinator stays (409). */
  @EventListener
  void onRemoval(Roster.Removal removal) {
    String email = Emails.normalize(removal.email());
    groups.changeCoordinators(removal.groupId(), coordinators -> coordinators.contains(email)
        ? without(coordinators, email) : coordinators, this::coordinatorsChanged);
  }

  private static List<String> with(List<String> coordinators, String email) {
    if (coordinators.contains(email)) {
      return coordinators;
    }
    List<String> more = new ArrayList<>(coordinators);
    more.add(email);
    return List.copyOf(more);
  }

  private static List<String> without(List<String> coordinators, String email) {
    List<String> fewer = coordinators.stream().filter(coordinator -> !coordinator.equals(email)).toList();
    if (fewer.isEmpty()) {
      throw new LocalizedProblem(HttpStatus.CONFLICT, "group.lastCoordinator");
    }
    return fewer;
  }

  private RosterEvent coordinatorsChanged(Group group) {
    return new GroupCoordinatorsChanged(UUID.randomUUID(), clock.instant(), group.id(), group.name(),
        group.coordinators());
  }

  private GroupCreated created(Group group, UUID eventId) {
    return new GroupCreated(eventId, group.createdAt(), group.id(), group.name(), group.slug(), group.coordinators());
  }
}

package coop.roster.member.invitation;

import coop.roster.member.group.Group;
import coop.roster.member.group.Groups;
import coop.roster.member.group.Reminders;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Members;
import coop.roster.member.web.Caller;
import coop.roster.member.web.LocalizedProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Reminds, in each group whose automatic reminders are on, the members invited and not activated whose invitation was
 * sent {@link Reminders#afterDays} ago or more, at most {@link Reminders#atMost} times: the request "Relancer" makes,
 * made by Roster, under the same per-member and per-group limits (a member a limit leaves out is tried at the next
 * pass). Each member is claimed by a conditional write that also counts the reminder, so replicas passing at once
 * remind them once.
 */
@Component
class AutomaticReminders {

  private static final Logger LOG = LoggerFactory.getLogger(AutomaticReminders.class);
  /** Who the group's history and the mail name as having asked. */
  static final Caller ROSTER = new Caller(null, "Roster", List.of(), false);

  private final Groups groups;
  private final Members members;
  private final Invitations invitations;
  private final InvitationLimits limits;
  private final Clock clock;

  AutomaticReminders(Groups groups, Members members, Invitations invitations, InvitationLimits limits, Clock clock) {
    this.groups = groups;
    this.members = members;
    this.invitations = invitations;
    this.limits = limits;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${roster.invitations.reminders.interval:PT1H}",
      initialDelayString = "${roster.invitations.reminders.interval:PT1H}")
  void scheduledPass() {
    int reminded = pass();
    if (reminded > 0) {
      LOG.info("Automatic reminders: {} members reminded", reminded);
    }
  }

  /** One pass over the groups whose reminders are on; answers how many members it reminded. */
  int pass() {
    int reminded = 0;
    for (Group group : groups.remindingAutomatically()) {
      try {
        reminded += remind(group);
      } catch (LocalizedProblem refused) {
        // The group's hourly limit: its members are tried again at the next pass.
        LOG.debug("Automatic reminders of group {} left for the next pass: {}", group.id(), refused.getMessage());
      }
    }
    return reminded;
  }

  private int remind(Group group) {
    Reminders reminders = group.remindersOrDefault();
    List<String> due = members.dueForReminder(group.id(), clock.instant().minus(reminders.delay()),
        reminders.atMost(), limits.membersPerRequest()).stream().map(Member::id).toList();
    if (due.isEmpty()) {
      return 0;
    }
    // One request per pass and group, of at most membersPerRequest members; the next pass takes the rest.
    return invitations.request(group.id(), new Invitations.Ask(null, due, false, true, null, reminders), ROSTER)
        .count();
  }
}

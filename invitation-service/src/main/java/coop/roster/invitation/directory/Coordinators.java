package coop.roster.invitation.directory;

import coop.roster.events.Emails;
import coop.roster.events.GroupEvent;
import coop.roster.invitation.keycloak.Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps each coordinator's {@code roster_groups} attribute in step with {@code groups.v1}. The groups this
 * service knows (MongoDB, the latest event per group winning) are the truth: a person's attribute is always
 * computed whole from them and written whole, never read, changed and written back, so two instances cannot
 * lose each other's group. Each event refreshes the group's coordinators and whoever Keycloak still lists for
 * it; a periodic reconciliation refreshes every known group the same way.
 */
@Component
class Coordinators {

  private static final Logger LOG = LoggerFactory.getLogger(Coordinators.class);
  /** Refreshes of one person before giving the rest to the next event or reconciliation. */
  private static final int ATTEMPTS = 5;

  private final Directory directory;
  private final Accounts accounts;

  Coordinators(Directory directory, Accounts accounts) {
    this.directory = directory;
    this.accounts = accounts;
  }

  void apply(GroupEvent event) {
    Set<String> now = normalized(event.coordinatorEmails());
    if (!directory.recordCoordinators(event.groupId(), event.name(), List.copyOf(now), event.occurredAt())) {
      LOG.info("group event {} of {} is older than the coordinators known, left aside", event.eventId(),
          event.groupId());
      return;
    }
    refreshEveryoneOf(event.groupId(), now);
  }

  /** Brings Keycloak back to the known groups: attributes changed by hand, or writes lost to a crash. */
  @Scheduled(initialDelayString = "${roster.coordinators.reconcile-every}",
      fixedDelayString = "${roster.coordinators.reconcile-every}")
  void reconcile() {
    Set<String> people = new LinkedHashSet<>();
    for (KnownGroup group : directory.groups()) {
      people.addAll(normalized(group.coordinatorEmails()));
      people.addAll(accounts.emailsCoordinating(group.id()));
    }
    people.forEach(this::refresh);
    LOG.debug("coordinator rights of {} people reconciled", people.size());
  }

  private void refreshEveryoneOf(String groupId, Set<String> coordinators) {
    Set<String> people = new LinkedHashSet<>(coordinators);
    // Those who lost the group, even if an earlier try crashed after recording the event.
    people.addAll(accounts.emailsCoordinating(groupId));
    people.forEach(this::refresh);
  }

  /**
   * Writes the person's groups as MongoDB knows them, then reads them again: if another instance recorded a
   * change meanwhile, the write is done again; if it records one later, its own write comes after ours.
   */
  private void refresh(String email) {
    Set<String> groups = directory.groupsCoordinatedBy(email);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      accounts.coordinatedGroups(email, groups);
      Set<String> again = directory.groupsCoordinatedBy(email);
      if (again.equals(groups)) {
        return;
      }
      groups = again;
    }
    LOG.warn("the groups of {} kept changing; the next event or reconciliation finishes", email);
  }

  private static Set<String> normalized(List<String> emails) {
    Set<String> set = new LinkedHashSet<>();
    if (emails != null) {
      emails.stream().filter(Objects::nonNull).map(Emails::normalize).forEach(set::add);
    }
    return set;
  }
}

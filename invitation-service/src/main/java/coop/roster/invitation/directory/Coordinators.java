package coop.roster.invitation.directory;

import coop.roster.events.Emails;
import coop.roster.events.GroupEvent;
import coop.roster.invitation.keycloak.Accounts;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps the {@code roster_groups} attribute of each coordinator's account in step with {@code groups.v1}.
 * Every event carries the whole list; the list last applied is kept, so coordinators who left are taken
 * off. The list is saved only once Keycloak has it all, so a replay after a crash finishes the job.
 */
@Component
class Coordinators {

  private final Directory directory;
  private final Accounts accounts;

  Coordinators(Directory directory, Accounts accounts) {
    this.directory = directory;
    this.accounts = accounts;
  }

  void apply(GroupEvent event) {
    Set<String> now = normalized(event.coordinatorEmails());
    Set<String> before = directory.group(event.groupId())
        .map(group -> normalized(group.coordinatorEmails()))
        .orElse(Set.of());
    for (String email : now) {
      accounts.coordinate(email, event.groupId(), true);
    }
    for (String email : before) {
      if (!now.contains(email)) {
        accounts.coordinate(email, event.groupId(), false);
      }
    }
    directory.save(new KnownGroup(event.groupId(), event.name(), List.copyOf(now)));
  }

  private static Set<String> normalized(List<String> emails) {
    Set<String> set = new LinkedHashSet<>();
    if (emails != null) {
      emails.stream().filter(Objects::nonNull).map(Emails::normalize).forEach(set::add);
    }
    return set;
  }
}

package coop.roster.member.group;

import coop.roster.events.Person;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The local stack's demo group, "AMAP des Lilas", coordinated by Élise Dupré, who is a member too.
 * Idempotent: run at every start of the {@code local} profile, and nowhere else.
 */
@Component
@Profile("local")
class DemoGroupSeed {

  static final String GROUP_ID = "amap-des-lilas";

  private final GroupAdministration administration;

  DemoGroupSeed(GroupAdministration administration) {
    this.administration = administration;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    administration.ensure(GROUP_ID, "AMAP des Lilas",
        new Person("Élise", "Dupré", "elise@amap-des-lilas.example", null));
  }
}

package coop.roster.imports.roster;

import coop.roster.events.RosterChange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/** Binds {@code members.roster.v1} (see application.yml: consumer group, dead-letter topic). */
@Configuration(proxyBeanMethods = false)
class RosterEvents {

  @Bean
  Consumer<RosterChange> rosterChanges(GroupMembers members) {
    return members::apply;
  }
}

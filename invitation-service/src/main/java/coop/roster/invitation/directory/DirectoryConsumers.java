package coop.roster.invitation.directory;

import coop.roster.events.GroupEvent;
import coop.roster.events.RosterChange;
import coop.roster.messaging.EventRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.Consumer;

/** The bindings of {@code members.roster.v1} (batch mode) and {@code groups.v1} (application.yml). */
@Configuration(proxyBeanMethods = false)
class DirectoryConsumers {

  @Bean
  Consumer<List<byte[]>> rosterChange(RosterChanges changes) {
    return payloads -> EventRecords.readBatch(payloads, RosterChange.class, changes::apply);
  }

  @Bean
  Consumer<GroupEvent> groupEvent(Coordinators coordinators) {
    return coordinators::apply;
  }
}

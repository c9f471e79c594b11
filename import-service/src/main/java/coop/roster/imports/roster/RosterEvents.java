package coop.roster.imports.roster;

import coop.roster.events.RosterChange;
import coop.roster.messaging.EventRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * Binds {@code members.roster.v1} in batches (see application.yml: batch size, consumer group, dead-letter
 * topic): a poll's changes are applied with one bulk write.
 */
@Configuration(proxyBeanMethods = false)
class RosterEvents {

  @Bean
  Consumer<Message<List<byte[]>>> rosterChanges(GroupMembers members) {
    return batch -> EventRecords.readBatch(batch.getPayload(), RosterChange.class, members::apply);
  }
}

package coop.roster.invitation.delivery;

import coop.roster.events.InvitationRequested;
import coop.roster.events.Topics;
import coop.roster.messaging.EventRecords;
import coop.roster.messaging.RecordTraces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * The binding of {@code invitations.requested.v1} (batch mode, see application.yml). Each invitation's work
 * continues the trace its record came with, from member-service's request to the mail's hand-off.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConsumer {

  @Bean
  Consumer<Message<List<byte[]>>> invitationRequested(Deliveries deliveries, RecordTraces traces) {
    return batch -> traces.within(Topics.INVITATIONS_REQUESTED, batch, records ->
        EventRecords.readBatch(batch.getPayload(), InvitationRequested.class, requests -> deliveries.deliver(
            requests, records)));
  }
}

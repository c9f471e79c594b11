package coop.roster.invitation.delivery;

import coop.roster.events.InvitationRequested;
import coop.roster.invitation.messaging.BatchRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.Consumer;

/** The binding of {@code invitations.requested.v1} (batch mode, see application.yml). */
@Configuration(proxyBeanMethods = false)
class DeliveryConsumer {

  @Bean
  Consumer<List<byte[]>> invitationRequested(Deliveries deliveries) {
    return payloads -> BatchRecords.read(payloads, InvitationRequested.class, deliveries::deliver);
  }
}

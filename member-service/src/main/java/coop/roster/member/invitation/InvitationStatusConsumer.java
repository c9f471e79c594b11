package coop.roster.member.invitation;

import coop.roster.events.InvitationStatus;
import coop.roster.messaging.EventRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/** The binding of {@code invitations.status.v1} (application.yml). */
@Configuration(proxyBeanMethods = false)
class InvitationStatusConsumer {

  @Bean
  Consumer<byte[]> invitationStatus(Invitations invitations) {
    return EventRecords.reading(InvitationStatus.class, invitations::record);
  }
}

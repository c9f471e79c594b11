package coop.roster.member.invitation;

import coop.roster.events.InvitationStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/** The binding of {@code invitations.status.v1} (application.yml). */
@Configuration(proxyBeanMethods = false)
class InvitationStatusConsumer {

  @Bean
  Consumer<InvitationStatus> invitationStatus(Invitations invitations) {
    return invitations::record;
  }
}

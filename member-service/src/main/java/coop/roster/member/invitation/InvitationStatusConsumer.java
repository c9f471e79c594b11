package coop.roster.member.invitation;

import coop.roster.events.InvitationStatus;
import coop.roster.events.UnreadableEventException;
import coop.roster.messaging.EventRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/** The binding of {@code invitations.status.v1} (application.yml). */
@Configuration(proxyBeanMethods = false)
class InvitationStatusConsumer {

  @Bean
  Consumer<byte[]> invitationStatus(Invitations invitations) {
    return EventRecords.reading(InvitationStatus.class, status -> invitations.record(usable(status)));
  }

  /** A status that names no request, member or time can never be recorded: to the DLQ at once, not retried. */
  static InvitationStatus usable(InvitationStatus status) {
    if (status.eventId() == null || status.occurredAt() == null || status.requestId() == null
        || status.memberId() == null) {
      throw new UnreadableEventException(status.type() + " without eventId, occurredAt, requestId or memberId", null);
    }
    return status;
  }
}

package coop.roster.member.account;

import coop.roster.events.IdentityEvent;
import coop.roster.events.UnreadableEventException;
import coop.roster.member.roster.Members;
import coop.roster.messaging.EventRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/**
 * The binding of {@code identity.events.v1}: a login or a password set is recorded on the member with
 * that e-mail in every group (see {@link Members#recordAccountActivity}).
 */
@Configuration(proxyBeanMethods = false)
class AccountActivity {

  @Bean
  Consumer<byte[]> identityEvent(Members members) {
    return EventRecords.reading(IdentityEvent.class, event -> members.recordAccountActivity(usable(event)));
  }

  /** An event without e-mail or time can never be recorded: to the DLQ at once, not retried. */
  static IdentityEvent usable(IdentityEvent event) {
    if (event.eventId() == null || event.occurredAt() == null || event.email() == null || event.email().isBlank()) {
      throw new UnreadableEventException(event.type() + " without eventId, occurredAt or email", null);
    }
    return event;
  }
}

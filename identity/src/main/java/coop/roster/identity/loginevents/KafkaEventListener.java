package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;

/**
 * The fast path: turns a session's LOGIN into {@code MemberLoggedIn} and its password update into
 * {@code PasswordSet} ({@link MemberEvents}), handed to the publisher once the session's transaction
 * has committed (a login that failed later publishes nothing). Keycloak stores the same events in that
 * transaction; {@link StoredEventsRelay} sends those this path could not. One instance per session.
 */
final class KafkaEventListener implements EventListenerProvider {

  private final KeycloakSession session;
  private final IdentityEventPublisher publisher;

  KafkaEventListener(KeycloakSession session, IdentityEventPublisher publisher) {
    this.session = session;
    this.publisher = publisher;
  }

  @Override
  public void onEvent(Event event) {
    if (!MemberEvents.TYPES.contains(event.getType())) {
      return;
    }
    RealmModel realm = session.getContext().getRealm() != null
        ? session.getContext().getRealm() : session.realms().getRealm(event.getRealmId());
    IdentityEvent identityEvent = MemberEvents.of(session, realm, event);
    if (identityEvent != null) {
      afterCommit(identityEvent);
    }
  }

  private void afterCommit(IdentityEvent event) {
    KeycloakTransactionManager transaction = session.getTransactionManager();
    if (!transaction.isActive()) {
      publisher.publish(event);
      return;
    }
    transaction.enlistAfterCompletion(new AbstractKeycloakTransaction() {
      @Override
      protected void commitImpl() {
        publisher.publish(event);
      }

      @Override
      protected void rollbackImpl() {
      }
    });
  }

  @Override
  public void onEvent(AdminEvent event, boolean includeRepresentation) {
    // Passwords set by an administrator are not the member's doing: nothing to publish.
  }

  @Override
  public void close() {
  }
}

package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import coop.roster.events.MemberLoggedIn;
import coop.roster.events.PasswordSet;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a session's LOGIN into {@code MemberLoggedIn} and its password update into
 * {@code PasswordSet}, handed to the publisher once the session's transaction has committed (a
 * login that failed later publishes nothing). One instance per Keycloak session.
 */
final class KafkaEventListener implements EventListenerProvider {

  private final KeycloakSession session;
  private final IdentityEventPublisher publisher;
  /** Keycloak announces one password update twice (UPDATE_CREDENTIAL and the older UPDATE_PASSWORD). */
  private final Set<String> passwordSetFor = new HashSet<>();

  KafkaEventListener(KeycloakSession session, IdentityEventPublisher publisher) {
    this.session = session;
    this.publisher = publisher;
  }

  @Override
  public void onEvent(Event event) {
    IdentityEvent identityEvent = switch (event.getType()) {
      case LOGIN -> withUser(event, (id, at, userId, email) -> new MemberLoggedIn(id, at, userId, email));
      case UPDATE_PASSWORD -> passwordSet(event);
      case UPDATE_CREDENTIAL -> PasswordCredentialModel.TYPE.equals(detail(event, Details.CREDENTIAL_TYPE))
          ? passwordSet(event) : null;
      default -> null;
    };
    if (identityEvent != null) {
      afterCommit(identityEvent);
    }
  }

  private IdentityEvent passwordSet(Event event) {
    if (event.getUserId() == null || !passwordSetFor.add(event.getUserId())) {
      return null;
    }
    return withUser(event, PasswordSet::new);
  }

  private interface EventOfUser {
    IdentityEvent of(UUID eventId, Instant occurredAt, String userId, String email);
  }

  /** The event for the user it names, with their current e-mail; none for users without one. */
  private IdentityEvent withUser(Event event, EventOfUser factory) {
    if (event.getUserId() == null) {
      return null;
    }
    UserModel user = session.users().getUserById(session.getContext().getRealm() != null
        ? session.getContext().getRealm() : session.realms().getRealm(event.getRealmId()), event.getUserId());
    if (user == null || user.getEmail() == null || user.getServiceAccountClientLink() != null) {
      return null;
    }
    return factory.of(eventId(event), Instant.ofEpochMilli(event.getTime()), user.getId(), user.getEmail());
  }

  /** Keycloak's own event id when it is a UUID, so a consumer recognises a re-sent event. */
  private static UUID eventId(Event event) {
    try {
      return UUID.fromString(event.getId());
    } catch (IllegalArgumentException | NullPointerException e) {
      return UUID.randomUUID();
    }
  }

  private static String detail(Event event, String name) {
    return event.getDetails() == null ? null : event.getDetails().get(name);
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

package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import coop.roster.events.MemberLoggedIn;
import coop.roster.events.PasswordSet;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Which Keycloak events Roster publishes, and as what: LOGIN as {@code MemberLoggedIn}, UPDATE_PASSWORD
 * (the person set their password: invitation, "forgot password") as {@code PasswordSet}. The listener
 * and the relay of stored events both use it, so that an event keeps its id whichever path sends it.
 */
final class MemberEvents {

  /**
   * The event types published, which the realm must also store ({@code enabledEventTypes}). Keycloak 26
   * announces a password update twice, as UPDATE_CREDENTIAL and UPDATE_PASSWORD; only the second is used.
   */
  static final Set<EventType> TYPES = Set.of(EventType.LOGIN, EventType.UPDATE_PASSWORD);

  private MemberEvents() {
  }

  /** The event for this Keycloak event, with the user's current e-mail; {@code null} when Roster has none for it. */
  static IdentityEvent of(KeycloakSession session, RealmModel realm, Event event) {
    if (!TYPES.contains(event.getType()) || event.getUserId() == null || realm == null) {
      return null;
    }
    UserModel user = session.users().getUserById(realm, event.getUserId());
    if (user == null || user.getEmail() == null || user.getServiceAccountClientLink() != null) {
      return null;
    }
    UUID id = eventId(event);
    Instant at = Instant.ofEpochMilli(event.getTime());
    return event.getType() == EventType.LOGIN
        ? new MemberLoggedIn(id, at, user.getId(), user.getEmail())
        : new PasswordSet(id, at, user.getId(), user.getEmail());
  }

  /** Keycloak's own event id (a UUID), so that a consumer recognises a re-sent event. */
  private static UUID eventId(Event event) {
    try {
      return UUID.fromString(event.getId());
    } catch (IllegalArgumentException | NullPointerException e) {
      return UUID.nameUUIDFromBytes((event.getType() + "/" + event.getUserId() + "/" + event.getTime()).getBytes());
    }
  }
}

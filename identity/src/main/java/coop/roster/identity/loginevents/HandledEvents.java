package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this Keycloak instance already took care of, so that the relay of stored events sends neither
 * twice: events the publisher holds (waiting for Kafka) and events Kafka acknowledged. Memory only: after
 * a restart the relay sends again what it cannot tell was delivered, under the same event ids.
 */
final class HandledEvents {

  private final Map<UUID, Instant> held = new ConcurrentHashMap<>();
  private final Map<UUID, Instant> delivered = new ConcurrentHashMap<>();

  void held(IdentityEvent event) {
    held.put(event.eventId(), event.occurredAt());
  }

  void delivered(Collection<IdentityEvent> events) {
    for (IdentityEvent event : events) {
      held.remove(event.eventId());
      delivered.put(event.eventId(), event.occurredAt());
    }
  }

  /** Events the publisher gave up on: the relay sends them from Keycloak's store. */
  void givenUp(Collection<IdentityEvent> events) {
    events.forEach(event -> held.remove(event.eventId()));
  }

  boolean handled(UUID eventId) {
    return held.containsKey(eventId) || delivered.containsKey(eventId);
  }

  /** When the oldest event the publisher still holds happened: the relay's watermark stays before it. */
  Optional<Instant> oldestHeld() {
    return held.values().stream().min(Instant::compareTo);
  }

  /** Forgets deliveries the relay's watermark has passed. */
  void forgetDeliveredBefore(Instant watermark) {
    delivered.values().removeIf(at -> at.isBefore(watermark));
  }
}

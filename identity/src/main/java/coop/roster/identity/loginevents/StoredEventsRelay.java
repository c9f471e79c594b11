package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The durable path: every period, sends to Kafka the logins and password updates Keycloak stored (its
 * event store, written in the same transaction as the login) that the fast path did not deliver — lost
 * to a restart, or given up on. A watermark per realm (realm attribute {@value #WATERMARK}, event time in
 * ms) says up to where everything was acknowledged; it advances only after Kafka's acknowledgement and
 * never past an event the fast path still holds. Keycloak's event ids are kept, so that a consumer
 * recognises what it received twice.
 */
final class StoredEventsRelay implements ScheduledTask, AutoCloseable {

  static final String WATERMARK = "roster.identity-events.relayed-until";
  static final String TASK_NAME = "roster-identity-events-relay";
  static final int BATCH = 500;
  /** An idle relay still saves its watermark this often, so that a restart re-reads little. */
  static final Duration SAVE_IDLE_WATERMARK_EVERY = Duration.ofMinutes(10);

  private static final Logger LOG = Logger.getLogger(StoredEventsRelay.class);

  private final HandledEvents handled;
  private final Supplier<EventSender> senders;
  private final Duration settle;
  private final Set<String> warnedRealms = new HashSet<>();
  private EventSender sender;
  private boolean unavailable;

  /**
   * @param settle how long after its time an event is surely committed (or never will be): the relay
   *               reads only events at least this old, so that the watermark never passes one still
   *               to be committed
   */
  StoredEventsRelay(HandledEvents handled, Supplier<EventSender> senders, Duration settle) {
    this.handled = handled;
    this.senders = senders;
    this.settle = settle;
  }

  @Override
  public String getTaskName() {
    return TASK_NAME;
  }

  @Override
  public void run(KeycloakSession session) {
    session.realms().getRealmsStream()
        .filter(realm -> realm.getEventsListenersStream().anyMatch(KafkaEventListenerFactory.ID::equals))
        .filter(this::storesEvents)
        .forEach(realm -> relay(session, realm));
  }

  private boolean storesEvents(RealmModel realm) {
    Set<String> stored = realm.getEnabledEventTypesStream().collect(Collectors.toSet());
    boolean stores = realm.isEventsEnabled()
        && MemberEvents.TYPES.stream().allMatch(type -> stored.isEmpty() ? type.isSaveByDefault() : stored.contains(type.name()));
    if (!stores && warnedRealms.add(realm.getId())) {
      LOG.warnf("Realm %s does not store %s events (eventsEnabled, enabledEventTypes): a login while Kafka is away "
          + "is lost if Keycloak restarts before Kafka is back", realm.getName(), MemberEvents.TYPES);
    }
    return stores;
  }

  private void relay(KeycloakSession session, RealmModel realm) {
    // Users are looked up as in a request of the realm (Keycloak's user cache asks the context for it).
    session.getContext().setRealm(realm);
    long from = watermark(realm);
    long until = Time.currentTimeMillis() - settle.toMillis();
    if (until < from) {
      return;
    }
    List<Event> stored = session.getProvider(EventStoreProvider.class).createQuery()
        .realm(realm.getId())
        .type(MemberEvents.TYPES.toArray(EventType[]::new))
        .fromDate(from)
        .toDate(until)
        .orderByAscTime()
        .maxResults(BATCH)
        .getResultStream()
        .toList();
    List<IdentityEvent> toSend = new ArrayList<>();
    for (Event event : stored) {
      IdentityEvent identityEvent = MemberEvents.of(session, realm, event);
      if (identityEvent != null && !handled.handled(identityEvent.eventId())) {
        toSend.add(identityEvent);
      }
    }
    if (!toSend.isEmpty() && !send(realm, toSend)) {
      return;
    }
    // A full batch may leave events of its last millisecond unread: read again from that millisecond.
    long next = stored.size() == BATCH ? stored.getLast().getTime() : until + 1;
    long oldestHeld = handled.oldestHeld().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
    next = Math.min(next, oldestHeld);
    if (next > from && (!toSend.isEmpty() || stored.size() == BATCH
        || next - from >= SAVE_IDLE_WATERMARK_EVERY.toMillis())) {
      realm.setAttribute(WATERMARK, Long.toString(next));
      handled.forgetDeliveredBefore(Instant.ofEpochMilli(next));
    }
  }

  private boolean send(RealmModel realm, List<IdentityEvent> events) {
    if (sender == null) {
      sender = senders.get();
    }
    List<IdentityEvent> failed = sender.send(events);
    handled.delivered(events.stream().filter(event -> !failed.contains(event)).toList());
    if (failed.isEmpty()) {
      LOG.infof("Relayed %d stored identity events of realm %s to Kafka", events.size(), realm.getName());
      unavailable = false;
      return true;
    }
    if (!unavailable) {
      LOG.warnf("Kafka is unavailable: %d stored identity events of realm %s wait for the next relay", failed.size(),
          realm.getName());
      unavailable = true;
    }
    return false;
  }

  private static long watermark(RealmModel realm) {
    String saved = realm.getAttribute(WATERMARK);
    try {
      return saved == null ? 0 : Long.parseLong(saved);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    if (sender != null) {
      sender.close();
    }
  }
}

package coop.roster.member.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import coop.roster.messaging.EventSender;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The transactional outbox of member-service. A document that changes carries the events its change causes in an
 * {@value #FIELD} array, written in the same single-document write as the change (mongo-java-server has no
 * multi-document transactions). The relay hands a document's pending events to Kafka in their order, waits for the
 * acknowledgements, then pulls exactly the entries it sent: at least once, in order per document (and so per key,
 * every event of a document being keyed by it), event ids unchanged across re-sends.
 *
 * <p>Several replicas relay at once: a relay first leases the documents it sends ({@value #LEASE}, {@value
 * #RELAY}); another takes them over only once the lease expired, and sends their entries again, in order — a
 * duplicate, never a loss. The relay runs right after each write (for latency) and on a schedule (for what a
 * crash, a dead broker or an expired lease left behind). A document marked {@value #DELETE_WHEN_RELAYED} (a
 * removed member) is deleted once its last entry is sent.
 */
@Component
public class Outbox implements DisposableBean {

  public static final String FIELD = "outbox";
  static final String LEASE = "outboxLease";
  static final String RELAY = "outboxRelay";
  public static final String DELETE_WHEN_RELAYED = "deleteWhenRelayed";
  /** Present only in a document with pending entries (an empty outbox has no entry ids). */
  private static final String PENDING = FIELD + ".eventId";
  /** Documents a scheduled pass takes at most, per collection. */
  private static final int PASS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final MongoTemplate mongo;
  private final EventPublisher events;
  private final Tracer tracer;
  private final Clock clock;
  private final Duration lease;
  private final Set<String> collections = new CopyOnWriteArraySet<>();
  private final ExecutorService relays = Executors.newVirtualThreadPerTaskExecutor();

  Outbox(MongoTemplate mongo, EventPublisher events, Tracer tracer, Clock clock,
      @Value("${roster.outbox.lease:PT1M}") Duration lease) {
    this.mongo = mongo;
    this.events = events;
    this.tracer = tracer;
    this.clock = clock;
    this.lease = lease;
  }

  /**
   * Declares that documents of this collection carry an outbox, which the scheduled relay then serves. A sparse index
   * holds only the documents with pending entries, so that a real MongoDB finds them without a scan.
   */
  public void serve(String collection) {
    mongo.getCollection(collection).createIndex(Indexes.ascending(PENDING),
        new IndexOptions().name("outbox_pending").sparse(true));
    collections.add(collection);
  }

  /** The entry an event is written as: its id (to pull it once sent) and its JSON. */
  public static Document entry(RosterEvent event) {
    return new Document("eventId", event.eventId().toString())
        .append("event", new String(EventJson.write(event), StandardCharsets.UTF_8));
  }

  public static List<Document> entries(Collection<? extends RosterEvent> events) {
    return events.stream().map(Outbox::entry).toList();
  }

  /** The same document with these events pending (a document about to be inserted). */
  public static Document withEvents(Document document, Collection<? extends RosterEvent> events) {
    return document.append(FIELD, new ArrayList<>(entries(events)));
  }

  /** The update that appends these events to a document's outbox, to be written with the change itself. */
  public static org.springframework.data.mongodb.core.query.Update append(
      org.springframework.data.mongodb.core.query.Update update, Collection<? extends RosterEvent> events) {
    update.push(FIELD).each(entries(events).toArray());
    return update;
  }

  /**
   * Relays the pending events of these documents soon, off the caller's thread (a dead broker never holds a
   * request), in the caller's trace.
   */
  public void relaySoon(String collection, Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<String> copy = List.copyOf(ids);
    TraceContext trace = tracer.currentTraceContext().context();
    try {
      relays.execute(() -> {
        try (var scope = tracer.currentTraceContext().maybeScope(trace)) {
          relay(collection, copy);
        } catch (RuntimeException e) {
          LOG.warn("Relaying {} documents of {} failed; the scheduled relay will send them: {}", copy.size(),
              collection, e.toString());
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("Shutting down: the next start relays {} documents of {}", copy.size(), collection);
    }
  }

  /** What a crash, a dead broker or an expired lease left pending, sent again. */
  @Scheduled(fixedDelayString = "${roster.outbox.poll-interval:PT5S}",
      initialDelayString = "${roster.outbox.poll-interval:PT5S}")
  void relayPending() {
    for (String collection : collections) {
      try {
        List<String> pending = new ArrayList<>();
        mongo.getCollection(collection).find(Filters.exists(PENDING))
            .projection(Projections.include("_id")).limit(PASS)
            .forEach(document -> pending.add(document.getString("_id")));
        relay(collection, pending);
      } catch (RuntimeException e) {
        LOG.warn("Relaying the outbox of {} failed; trying again in a moment: {}", collection, e.toString());
      }
    }
  }

  /**
   * Leases the documents among {@code ids} that have pending events and no live lease, sends their events in order,
   * and pulls the ones Kafka acknowledged. Answers how many events were sent.
   */
  public int relay(String collection, List<String> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    MongoCollection<Document> documents = mongo.getCollection(collection);
    String relay = UUID.randomUUID().toString();
    Instant now = clock.instant();
    documents.updateMany(Filters.and(Filters.in("_id", ids), Filters.exists(FIELD + ".0"),
            Filters.or(Filters.eq(LEASE, null), Filters.lt(LEASE, Date.from(now)))),
        Updates.combine(Updates.set(LEASE, Date.from(now.plus(lease))), Updates.set(RELAY, relay)));
    List<String> leased = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    List<CompletableFuture<?>> sends = new ArrayList<>();
    // By id alone, which every MongoDB serves from its index; the relay's own documents picked out here.
    documents.find(Filters.in("_id", ids)).projection(Projections.include(FIELD, RELAY)).forEach(document -> {
      if (relay.equals(document.getString(RELAY))) {
        leased.add(document.getString("_id"));
        for (Document entry : document.getList(FIELD, Document.class, List.of())) {
          sends.add(events.publish(EventJson.read(entry.getString("event").getBytes(StandardCharsets.UTF_8),
              RosterEvent.class)));
          sent.add(entry.getString("eventId"));
        }
      }
    });
    if (leased.isEmpty()) {
      return 0;
    }
    // Within the lease: a relay that gives up leaves the documents to the next one once the lease expired.
    EventSender.await(sends, lease.dividedBy(2));
    Bson mine = Filters.and(Filters.in("_id", leased), Filters.eq(RELAY, relay));
    documents.updateMany(mine, Updates.combine(Updates.pullByFilter(
        new Document(FIELD, new Document("eventId", new Document("$in", sent)))),
        Updates.unset(LEASE), Updates.unset(RELAY)));
    documents.deleteMany(Filters.and(Filters.in("_id", leased), Filters.eq(DELETE_WHEN_RELAYED, true),
        Filters.size(FIELD, 0)));
    return sent.size();
  }

  @Override
  public void destroy() {
    relays.close();
  }
}

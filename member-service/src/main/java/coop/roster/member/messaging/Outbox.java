package coop.roster.member.messaging;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import coop.roster.messaging.EventSender;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.bson.Document;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transactional outbox of member-service. A document that changes carries the events its change causes in an
 * {@value #FIELD} array, written in the same single-document write as the change (mongo-java-server has no
 * multi-document transactions). The relay hands a document's pending events to Kafka in their order, waits for the
 * acknowledgements, then pulls exactly the entries it sent: at least once, in order per document (and so per key,
 * every event of a document being keyed by it), event ids unchanged across re-sends.
 *
 * <p>Several replicas relay at once: a relay first leases the documents it sends ({@value #LEASES}); another
 * takes them over only once the lease expired (or was let go), and sends their entries again, in order — a
 * duplicate, never a loss. The relay runs right after each write (for latency) and on a schedule (for what a
 * crash, a dead broker or an expired lease left behind). A document marked {@value #DELETE_WHEN_RELAYED} (a
 * removed member) is deleted once its last entry is sent.
 *
 * <p>The schedule knows what to send without looking: each write names its documents here, and they stay pending in
 * memory until a relay saw them empty (a document written again meanwhile stays). Every pass sends those by id, and
 * the documents of leases that expired (a relay that died). Only at start-up (what this instance left when it died)
 * and every {@code roster.outbox.scan-interval} (what another instance left before its relay leased it) does a pass
 * look for pending entries across the collection: on mongo-java-server that query scans every document under the
 * collection's lock, which, every 5 s during a 100,000-row import, held the member list for seconds.
 */
@Component
public class Outbox implements DisposableBean {

  public static final String FIELD = "outbox";
  /** Live leases, one per document a relay is sending: {@code collection:id}, the relay, until when. */
  static final String LEASES = "outboxLeases";
  private static final int DUPLICATE_KEY = 11000;
  public static final String DELETE_WHEN_RELAYED = "deleteWhenRelayed";
  /** Present only in a document with pending entries (an empty outbox has no entry ids). */
  private static final String PENDING = FIELD + ".eventId";
  /** Documents one relay takes at most. */
  private static final int PASS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final MongoTemplate mongo;
  private final EventPublisher events;
  private final Tracer tracer;
  private final Clock clock;
  private final Duration lease;
  private final Duration scanInterval;
  /**
   * Per collection served, the documents with entries no relay has sent yet as far as this instance knows: id → the
   * number of the last write that named it. A relay forgets a document only if no write named it since it began.
   */
  private final ConcurrentMap<String, ConcurrentMap<String, Long>> pending = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();
  /** When a scheduled pass next looks across the collections; the first pass does (start-up). */
  private volatile Instant nextScan = Instant.MIN;
  private final ExecutorService relays = Executors.newVirtualThreadPerTaskExecutor();

  Outbox(MongoTemplate mongo, EventPublisher events, Tracer tracer, Clock clock,
      @Value("${roster.outbox.lease:PT1M}") Duration lease,
      @Value("${roster.outbox.scan-interval:PT1M}") Duration scanInterval) {
    this.mongo = mongo;
    this.events = events;
    this.tracer = tracer;
    this.clock = clock;
    this.lease = lease;
    this.scanInterval = scanInterval;
  }

  /**
   * Declares that documents of this collection carry an outbox, which the scheduled relay then serves. A sparse index
   * holds only the documents with pending entries, so that a real MongoDB finds them without a scan.
   */
  public void serve(String collection) {
    mongo.getCollection(collection).createIndex(Indexes.ascending(PENDING),
        new IndexOptions().name("outbox_pending").sparse(true));
    // Leases of relays that died go away by themselves (they are taken over once expired anyway).
    mongo.getCollection(LEASES).createIndex(Indexes.ascending("until"),
        new IndexOptions().name("forget").expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS));
    pending.putIfAbsent(collection, new ConcurrentHashMap<>());
  }

  /**
   * The entry an event is written as: its id (to pull it once sent), its JSON, and its topic and key, so that the relay
   * sends the JSON as it is (reading every event back and writing it again was a tenth of member-service's CPU in an
   * import). Entries written before they carried their topic and key are read to find them.
   */
  public static Document entry(RosterEvent event) {
    return new Document("eventId", event.eventId().toString())
        .append("event", new String(EventJson.write(event), StandardCharsets.UTF_8))
        .append("topic", event.topic()).append("key", event.key());
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
    remember(collection, copy);
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

  /**
   * What a dead broker, a crash or an expired lease left pending, sent again: the documents this instance wrote and
   * no relay emptied, those of expired leases, and, at start-up and every {@code roster.outbox.scan-interval}, those
   * found pending across the collection.
   */
  @Scheduled(fixedDelayString = "${roster.outbox.poll-interval:PT5S}",
      initialDelayString = "${roster.outbox.poll-interval:PT5S}")
  void relayPending() {
    Instant now = clock.instant();
    boolean scan = !now.isBefore(nextScan);
    boolean scanned = true;
    for (String collection : pending.keySet()) {
      try {
        if (scan) {
          List<String> found = new ArrayList<>();
          mongo.getCollection(collection).find(Filters.exists(PENDING)).projection(Projections.include("_id"))
              .forEach(document -> found.add(document.getString("_id")));
          remember(collection, found);
        }
        remember(collection, expiredLeases(collection, now));
        List<String> ids = List.copyOf(pending.get(collection).keySet());
        for (int from = 0; from < ids.size(); from += PASS) {
          relay(collection, ids.subList(from, Math.min(ids.size(), from + PASS)));
        }
      } catch (RuntimeException e) {
        scanned = !scan;
        LOG.warn("Relaying the outbox of {} failed; trying again in a moment: {}", collection, e.toString());
      }
    }
    if (scan && scanned) {
      nextScan = now.plus(scanInterval);
    }
  }

  private void remember(String collection, Collection<String> ids) {
    ConcurrentMap<String, Long> mine = pending.computeIfAbsent(collection, c -> new ConcurrentHashMap<>());
    long write = writes.incrementAndGet();
    for (String id : ids) {
      mine.put(id, write);
    }
  }

  /** The documents of this collection whose relay's lease ended without it letting go: that relay died. */
  private List<String> expiredLeases(String collection, Instant now) {
    String prefix = collection + ":";
    List<String> ids = new ArrayList<>();
    mongo.getCollection(LEASES).find(Filters.lt("until", Date.from(now))).projection(Projections.include("_id"))
        .forEach(lease -> {
          String id = lease.getString("_id");
          if (id.startsWith(prefix)) {
            ids.add(id.substring(prefix.length()));
          }
        });
    return ids;
  }

  /**
   * Leases the documents among {@code ids} that no live relay holds, sends their pending events in order, and pulls
   * the ones Kafka acknowledged. Answers how many events were sent. Every read and write of the documents is by id
   * alone, which every MongoDB (mongo-java-server too) serves from its index; a query on any other field scans the
   * collection there, under its lock, and an import's relays would then stall the import.
   */
  public int relay(String collection, List<String> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    // Which writes this relay covers: a document named by a write after this point may hold entries it did not read.
    ConcurrentMap<String, Long> mine = pending.getOrDefault(collection, new ConcurrentHashMap<>());
    Map<String, Long> covered = new HashMap<>();
    for (String id : ids) {
      Long write = mine.get(id);
      if (write != null) {
        covered.put(id, write);
      }
    }
    String relay = UUID.randomUUID().toString();
    List<String> leased = lease(collection, ids, relay);
    if (leased.isEmpty()) {
      return 0;
    }
    MongoCollection<Document> documents = mongo.getCollection(collection);
    try {
      List<String> withEntries = new ArrayList<>();
      List<String> deletable = new ArrayList<>();
      List<String> sent = new ArrayList<>();
      List<CompletableFuture<?>> sends = new ArrayList<>();
      documents.find(Filters.in("_id", leased)).projection(Projections.include(FIELD, DELETE_WHEN_RELAYED))
          .forEach(document -> {
            List<Document> entries = document.getList(FIELD, Document.class, List.of());
            if (entries.isEmpty()) {
              return;
            }
            withEntries.add(document.getString("_id"));
            if (Boolean.TRUE.equals(document.getBoolean(DELETE_WHEN_RELAYED))) {
              deletable.add(document.getString("_id"));
            }
            for (Document entry : entries) {
              sends.add(send(entry));
              sent.add(entry.getString("eventId"));
            }
          });
      if (!sent.isEmpty()) {
        // Within the lease: a relay that gives up leaves the documents to the next one.
        EventSender.await(sends, lease.dividedBy(2));
        documents.updateMany(Filters.in("_id", withEntries), Updates.pullByFilter(
            new Document(FIELD, new Document("eventId", new Document("$in", sent)))));
        if (!deletable.isEmpty()) {
          // A removed member's document: no writer reaches it any more (it has no group), its last entries are sent.
          documents.deleteMany(Filters.in("_id", deletable));
        }
      }
      // Every leased document is now empty of what it held when read; one written again since stays pending.
      for (String id : leased) {
        Long write = covered.get(id);
        if (write != null) {
          mine.remove(id, write);
        }
      }
      return sent.size();
    } finally {
      mongo.getCollection(LEASES).deleteMany(Filters.and(
          Filters.in("_id", leased.stream().map(id -> collection + ":" + id).toList()), Filters.eq("relay", relay)));
    }
  }

  private CompletableFuture<?> send(Document entry) {
    byte[] json = entry.getString("event").getBytes(StandardCharsets.UTF_8);
    String topic = entry.getString("topic");
    String key = entry.getString("key");
    return topic != null && key != null
        ? events.publish(topic, key, json)
        : events.publish(EventJson.read(json, RosterEvent.class));
  }

  /**
   * Takes a lease on each document no live relay holds (one document per lease in a small collection of its own, so
   * that leasing never writes the documents themselves): a new lease is an insert, an expired one is taken over.
   */
  private List<String> lease(String collection, List<String> ids, String relay) {
    Instant now = clock.instant();
    MongoCollection<Document> leases = mongo.getCollection(LEASES);
    List<Document> wanted = ids.stream().map(id -> new Document("_id", collection + ":" + id)
        .append("relay", relay).append("until", Date.from(now.plus(lease)))).toList();
    Set<Integer> held = new HashSet<>();
    try {
      leases.insertMany(wanted, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (var error : e.getWriteErrors()) {
        if (error.getCode() != DUPLICATE_KEY) {
          throw e;
        }
        held.add(error.getIndex());
      }
    }
    List<String> leased = new ArrayList<>(ids.size());
    Set<String> expired = expired(leases, held.stream().map(index -> wanted.get(index).getString("_id")).toList(), now);
    for (int index = 0; index < ids.size(); index++) {
      Document wish = wanted.get(index);
      if (!held.contains(index) || expired.contains(wish.getString("_id")) && leases.findOneAndReplace(
          Filters.and(Filters.eq("_id", wish.getString("_id")), Filters.lt("until", Date.from(now))), wish) != null) {
        leased.add(ids.get(index));
      }
    }
    return leased;
  }

  /**
   * Which of these leases have expired, read by id alone. Only those are worth taking over conditionally (a query on
   * {@code until} too scans the leases on mongo-java-server): during an import most documents a pass names are held
   * by the relay the write started, and one conditional write each loaded the store for nothing.
   */
  private static Set<String> expired(MongoCollection<Document> leases, List<String> leaseIds, Instant now) {
    Set<String> expired = new HashSet<>();
    if (!leaseIds.isEmpty()) {
      leases.find(Filters.in("_id", leaseIds)).forEach(lease -> {
        Date until = lease.getDate("until");
        if (until == null || until.toInstant().isBefore(now)) {
          expired.add(lease.getString("_id"));
        }
      });
    }
    return expired;
  }

  @Override
  public void destroy() {
    relays.close();
  }
}

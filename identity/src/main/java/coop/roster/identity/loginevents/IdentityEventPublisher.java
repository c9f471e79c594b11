package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fast path: publishes identity events from one background thread, so that a login only ever adds
 * an event to a bounded buffer. While Kafka is away, sending is retried with growing pauses (up to
 * {@link #MAX_PAUSE}); events wait in the buffer for at most the configured retry period, and what
 * has to be dropped is counted and logged, and left to {@link StoredEventsRelay}. What it holds and
 * what Kafka acknowledged is told to {@link HandledEvents}.
 */
final class IdentityEventPublisher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(IdentityEventPublisher.class);
  static final int BATCH = 500;
  static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  static final Duration MAX_PAUSE = Duration.ofSeconds(15);
  /** Drops are logged at most this often, each line with the count since the last one. */
  private static final Duration DROP_LOG_INTERVAL = Duration.ofSeconds(10);

  private final PendingEvents pending;
  private final HandledEvents handled;
  private final Supplier<EventSender> senders;
  private Thread worker;
  private volatile boolean running = true;
  private long droppedLogged;
  private long lastDropLog;

  IdentityEventPublisher(PendingEvents pending, HandledEvents handled, Supplier<EventSender> senders) {
    this.pending = pending;
    this.handled = handled;
    this.senders = senders;
  }

  /** Hands the event over for publishing; never waits. */
  void publish(IdentityEvent event) {
    startOnce();
    // Held before it is queued: the sender thread may deliver it at once.
    handled.held(event);
    if (!pending.add(event)) {
      handled.givenUp(List.of(event));
      reportDrops("the buffer is full");
    }
  }

  /** Events dropped since start. */
  long dropped() {
    return pending.dropped();
  }

  /** Events waiting to be sent. */
  int waiting() {
    return pending.size();
  }

  private synchronized void startOnce() {
    if (worker == null && running) {
      worker = Thread.ofPlatform().daemon().name("roster-identity-events").start(this::run);
    }
  }

  private void run() {
    EventSender sender = null;
    Duration pause = FIRST_PAUSE;
    boolean unavailable = false;
    try {
      while (running) {
        List<IdentityEvent> batch = pending.take(BATCH, Duration.ofSeconds(1));
        if (batch.isEmpty()) {
          continue;
        }
        if (sender == null) {
          sender = senders.get();
        }
        List<IdentityEvent> failed = sender.send(batch);
        handled.delivered(failed.isEmpty() ? batch : batch.stream().filter(e -> !failed.contains(e)).toList());
        if (failed.isEmpty()) {
          if (unavailable) {
            LOG.infof("Kafka is back: identity events flow again (%d waiting)", pending.size());
            unavailable = false;
          }
          pause = FIRST_PAUSE;
          continue;
        }
        if (!unavailable) {
          LOG.warnf("Kafka is unavailable: %d identity events wait and will be retried", failed.size() + pending.size());
          unavailable = true;
        }
        List<IdentityEvent> givenUp = pending.putBack(failed);
        if (!givenUp.isEmpty()) {
          handled.givenUp(givenUp);
          reportDrops("they waited longer than the retry period (Keycloak's event store still has them)");
        }
        Thread.sleep(pause);
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Publishing identity events stopped", e);
    } finally {
      // Stopping interrupts this thread; the last attempt below must not see that as its own end.
      Thread.interrupted();
      if (sender != null) {
        flushAndClose(sender);
      }
    }
  }

  /** At shutdown: one last attempt for what waits; what still fails is dropped. */
  private void flushAndClose(EventSender sender) {
    List<IdentityEvent> left = pending.drain();
    if (!left.isEmpty()) {
      int failed = sender.send(left).size();
      if (failed > 0) {
        pending.countDropped(failed);
        reportDrops("Keycloak is stopping");
      }
    }
    sender.close();
  }

  private synchronized void reportDrops(String why) {
    long now = System.nanoTime();
    long dropped = pending.dropped();
    if (dropped > droppedLogged && (droppedLogged == 0 || now - lastDropLog > DROP_LOG_INTERVAL.toNanos()
        || !running)) {
      LOG.warnf("Dropped %d identity events because %s (%d dropped since start)", dropped - droppedLogged, why,
          dropped);
      droppedLogged = dropped;
      lastDropLog = now;
    }
  }

  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      running = false;
      thread = worker;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(KafkaEventSender.ATTEMPT.plusSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Identity events on their way to Kafka. Bounded: when full, a new event is dropped rather than
 * anyone waiting. An event that could not be sent goes back ahead of newer ones and is retried
 * until it is older than {@code retryFor}; then it is dropped too. Every drop is counted.
 */
final class PendingEvents {

  private final Deque<IdentityEvent> events = new ArrayDeque<>();
  private final int capacity;
  private final Duration retryFor;
  private final Clock clock;
  private long dropped;

  PendingEvents(int capacity, Duration retryFor, Clock clock) {
    this.capacity = capacity;
    this.retryFor = retryFor;
    this.clock = clock;
  }

  /** Queues the event; {@code false} (and one more drop) when the buffer is full. Never waits. */
  synchronized boolean add(IdentityEvent event) {
    if (events.size() >= capacity) {
      dropped++;
      return false;
    }
    events.addLast(event);
    notifyAll();
    return true;
  }

  /** Up to {@code max} events, oldest first, waiting at most {@code wait} for the first one. */
  synchronized List<IdentityEvent> take(int max, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (events.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return List.of();
      }
      wait(Math.max(1, left / 1_000_000));
    }
    List<IdentityEvent> batch = new ArrayList<>(Math.min(max, events.size()));
    while (batch.size() < max && !events.isEmpty()) {
      batch.add(events.pollFirst());
    }
    return batch;
  }

  /**
   * Puts back, ahead of newer events and in their order, the events that could not be sent.
   * Answers those given up on (too old, or no room left), which count as dropped.
   */
  synchronized List<IdentityEvent> putBack(List<IdentityEvent> failed) {
    List<IdentityEvent> givenUp = new ArrayList<>();
    for (int i = failed.size() - 1; i >= 0; i--) {
      IdentityEvent event = failed.get(i);
      if (tooOld(event) || events.size() >= capacity) {
        givenUp.addFirst(event);
      } else {
        events.addFirst(event);
      }
    }
    dropped += givenUp.size();
    if (!events.isEmpty()) {
      notifyAll();
    }
    return givenUp;
  }

  /** Events dropped so far: buffer full, or retried for too long. */
  synchronized long dropped() {
    return dropped;
  }

  synchronized int size() {
    return events.size();
  }

  /** Empties the buffer, answering what was in it (at shutdown). */
  synchronized List<IdentityEvent> drain() {
    List<IdentityEvent> all = new ArrayList<>(events);
    events.clear();
    return all;
  }

  /** Counts events abandoned outside the buffer (at shutdown) as dropped. */
  synchronized void countDropped(int count) {
    dropped += count;
  }

  private boolean tooOld(IdentityEvent event) {
    return event.occurredAt().plus(retryFor).isBefore(clock.instant());
  }
}

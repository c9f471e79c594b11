package coop.roster.identity.loginevents;

import coop.roster.events.IdentityEvent;

import java.util.List;

/** Sends events to their topic; a seam so the buffering and retrying can be tested without Kafka. */
interface EventSender extends AutoCloseable {

  /** Sends the batch and waits for the outcome; answers the events that were not sent, in order. */
  List<IdentityEvent> send(List<IdentityEvent> batch);

  @Override
  void close();
}

package coop.roster.member.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import coop.roster.events.UnreadableEventException;

import java.util.function.Consumer;

/**
 * Consumers that read their records with {@link EventJson} themselves (their bindings use native decoding:
 * the bytes as they are). Left to the framework, a record that is not JSON fails its conversion with a
 * generic exception, which the error handler would retry for minutes while the partition waits; reading
 * here throws {@link UnreadableEventException}, which goes straight to the DLQ.
 */
public final class EventConsumers {

  private EventConsumers() {
  }

  /** A binding's consumer: the record's bytes read as {@code type}, then handed on. */
  public static <T extends RosterEvent> Consumer<byte[]> reading(Class<T> type, Consumer<T> handler) {
    return payload -> handler.accept(EventJson.read(payload, type));
  }
}

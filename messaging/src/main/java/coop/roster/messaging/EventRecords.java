package coop.roster.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import coop.roster.events.UnreadableEventException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the bytes of a binding's records (native decoding: the bytes as they are) as events, with
 * {@link EventJson}. Left to the framework, a record that is not JSON fails its conversion with a generic
 * exception, which the error handler would retry for minutes while the partition waits, and in a batch it
 * fails the conversion of the whole batch. Read here, it throws {@link UnreadableEventException}, which the
 * dead-letter wiring ({@link MessagingAutoConfiguration}) does not retry: the record goes to its DLQ alone.
 */
public final class EventRecords {

  private EventRecords() {
  }

  /**
   * Hands one poll's records, read as {@code type} and in their order, to {@code handler}, in one call. The
   * readable records before an unreadable one are handled first, then the unreadable one is named to the
   * error handler by its index in a {@link BatchListenerFailedException}: it goes to the DLQ alone, the
   * records before it count as done and the ones after it come again. {@code handler} is never called with
   * an empty list.
   */
  public static <T extends RosterEvent> void readBatch(List<byte[]> payloads, Class<T> type,
      Consumer<List<T>> handler) {
    List<T> events = new ArrayList<>(payloads.size());
    for (int index = 0; index < payloads.size(); index++) {
      try {
        events.add(EventJson.read(payloads.get(index), type));
      } catch (UnreadableEventException e) {
        handle(events, handler);
        throw new BatchListenerFailedException("unreadable " + type.getSimpleName(), e, index);
      }
    }
    handle(events, handler);
  }

  /** A record binding's consumer: each record's bytes read as {@code type}, then handed to {@code handler}. */
  public static <T extends RosterEvent> Consumer<byte[]> reading(Class<T> type, Consumer<T> handler) {
    return payload -> handler.accept(EventJson.read(payload, type));
  }

  private static <T> void handle(List<T> events, Consumer<List<T>> handler) {
    if (!events.isEmpty()) {
      handler.accept(events);
    }
  }
}

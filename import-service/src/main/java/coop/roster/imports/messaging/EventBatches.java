package coop.roster.imports.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import coop.roster.events.UnreadableEventException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a batch binding's records (native decoding: the bytes as they are) with {@link EventJson}. Left to the
 * framework, one record that is not JSON would fail the conversion of the whole batch; read here, the records
 * before it are handled, then it is named to the error handler ({@link MessagingConfiguration}), which sends it
 * to the DLQ alone and hands the records after it back.
 */
public final class EventBatches {

  private EventBatches() {
  }

  /** Hands the poll's records, read as {@code type} and in their order, to {@code handler}. */
  public static <T extends RosterEvent> void read(List<byte[]> payloads, Class<T> type, Consumer<List<T>> handler) {
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

  private static <T> void handle(List<T> events, Consumer<List<T>> handler) {
    if (!events.isEmpty()) {
      handler.accept(events);
    }
  }
}

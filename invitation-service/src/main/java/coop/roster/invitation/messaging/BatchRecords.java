package coop.roster.invitation.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.RosterEvent;
import coop.roster.events.UnreadableEventException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one poll's payloads as events. The readable ones before an unreadable one are handled first, then
 * the unreadable one is named to the error handler, which sends it alone to the DLQ and hands the rest back.
 */
public final class BatchRecords {

  private BatchRecords() {
  }

  public static <T extends RosterEvent> void read(List<byte[]> payloads, Class<T> type, Consumer<List<T>> handler) {
    List<T> events = new ArrayList<>(payloads.size());
    for (int index = 0; index < payloads.size(); index++) {
      try {
        events.add(EventJson.read(payloads.get(index), type));
      } catch (UnreadableEventException e) {
        if (!events.isEmpty()) {
          handler.accept(events);
        }
        throw new BatchListenerFailedException("unreadable " + type.getSimpleName(), e, index);
      }
    }
    if (!events.isEmpty()) {
      handler.accept(events);
    }
  }
}

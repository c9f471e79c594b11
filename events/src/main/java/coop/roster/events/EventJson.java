package coop.roster.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of Roster's events, used by every producer and consumer (services through
 * {@link coop.roster.events.stream.EventMessageConverter}, the Keycloak extension directly).
 * Instants are ISO-8601 strings; unknown fields are ignored.
 */
public final class EventJson {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public static byte[] write(RosterEvent event) {
    return MAPPER.writeValueAsBytes(event);
  }

  /**
   * Reads an event of the expected kind.
   *
   * @throws UnreadableEventException when the bytes are not such an event
   */
  public static <T extends RosterEvent> T read(byte[] json, Class<T> expected) {
    try {
      T event = MAPPER.readValue(json, expected);
      if (event == null) {
        throw new UnreadableEventException("empty payload", null);
      }
      return event;
    } catch (JacksonException | IllegalArgumentException e) {
      throw new UnreadableEventException(e.getMessage(), e);
    }
  }

  private EventJson() {
  }
}

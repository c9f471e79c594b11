package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What member-service did with one {@link MemberCreated} row.
 *
 * @param memberId the member created, updated or found; {@code null} when rejected
 * @param reason   why the row was rejected, or {@code null}
 */
public record ImportRowOutcome(
    UUID eventId,
    Instant occurredAt,
    String importId,
    int rowNumber,
    String groupId,
    String memberId,
    Outcome outcome,
    String reason) implements RosterEvent {

  /** The fate of a row. */
  public enum Outcome {
    CREATED, UPDATED, ALREADY_MEMBER, REJECTED
  }

  @Override
  public String topic() {
    return Topics.IMPORTS_OUTCOMES;
  }

  @Override
  public String key() {
    return importId;
  }
}

package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What member-service did with one {@link MemberCreated} row.
 *
 * @param memberId the member created, updated or found; {@code null} when rejected
 * @param reason   why the row was rejected, or {@code null}
 * @param partnerMemberId the row's partner, a member of their own (they have an e-mail of their own), or
 *                        {@code null}: no such partner. Optional, absent from older events
 * @param partnerOutcome  what became of that partner, or {@code null} likewise
 */
public record ImportRowOutcome(
    UUID eventId,
    Instant occurredAt,
    String importId,
    int rowNumber,
    String groupId,
    String memberId,
    Outcome outcome,
    String reason,
    String partnerMemberId,
    Outcome partnerOutcome) implements RosterEvent {

  /** A row without a partner of their own. */
  public ImportRowOutcome(UUID eventId, Instant occurredAt, String importId, int rowNumber, String groupId,
      String memberId, Outcome outcome, String reason) {
    this(eventId, occurredAt, importId, rowNumber, groupId, memberId, outcome, reason, null, null);
  }

  /** How many people this row put or found in the roster: its person, and its partner when a member of their own. */
  public int people() {
    if (outcome == Outcome.REJECTED) {
      return 0;
    }
    return partnerOutcome == null || partnerOutcome == Outcome.REJECTED ? 1 : 2;
  }

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

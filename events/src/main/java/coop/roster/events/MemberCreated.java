package coop.roster.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One valid row of a confirmed import, asking member-service to put the person in the roster.
 *
 * @param importId  the import job the row belongs to
 * @param rowNumber the row's line number in the uploaded file
 * @param partner   the person sharing the membership, or {@code null}
 * @param address   the postal address, or {@code null}
 * @param policy    what to do when the e-mail is already a member of the group
 * @param language  the person's preferred language ({@code fr}, {@code en}), or {@code null} when the row names
 *                  none (optional: rows published before it existed have none)
 */
public record MemberCreated(
    UUID eventId,
    Instant occurredAt,
    String importId,
    int rowNumber,
    String groupId,
    Person person,
    Person partner,
    Address address,
    ExistingMemberPolicy policy,
    String language) implements RosterEvent {

  /** A row that names no language. */
  public MemberCreated(UUID eventId, Instant occurredAt, String importId, int rowNumber, String groupId,
      Person person, Person partner, Address address, ExistingMemberPolicy policy) {
    this(eventId, occurredAt, importId, rowNumber, groupId, person, partner, address, policy, null);
  }

  @Override
  public String topic() {
    return Topics.MEMBERS_CREATED;
  }

  /** Group and normalised e-mail: two rows for the same person meet on one partition, in order. */
  @Override
  public String key() {
    return groupId + ":" + Emails.normalize(person.email());
  }
}

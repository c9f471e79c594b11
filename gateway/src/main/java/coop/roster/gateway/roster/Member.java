package coop.roster.gateway.roster;

import java.time.Instant;

/**
 * A member as member-service shows them.
 *
 * @param invitation their last invitation, or {@code null} when never invited
 * @param account    their password and logins, or {@code null} when none recorded
 * @param partnerMember the member this one shares a household with (a partner with an e-mail of their own), or
 *                      {@code null}
 * @param language   their preferred language ({@code fr}, {@code en}), or {@code null}: the group's
 * @param nextReminderAt when the group's automatic reminders will remind them, or {@code null}: none will
 */
public record Member(String id, String groupId, Person person, Person partner, Address address, String source,
    Instant createdAt, Instant updatedAt, Invitation invitation, Account account, PartnerMember partnerMember,
    String language, Instant nextReminderAt) {

  /** A member without an automatic reminder due. */
  public Member(String id, String groupId, Person person, Person partner, Address address, String source,
      Instant createdAt, Instant updatedAt, Invitation invitation, Account account, PartnerMember partnerMember,
      String language) {
    this(id, groupId, person, partner, address, source, createdAt, updatedAt, invitation, account, partnerMember,
        language, null);
  }

  /** When the next automatic reminder leaves: its date, or now (the next pass) when that date has passed. */
  public Instant nextReminder() {
    Instant now = Instant.now();
    return nextReminderAt == null || nextReminderAt.isAfter(now) ? nextReminderAt : now;
  }

  /** A member without a partner member or a language of their own. */
  public Member(String id, String groupId, Person person, Person partner, Address address, String source,
      Instant createdAt, Instant updatedAt, Invitation invitation, Account account) {
    this(id, groupId, person, partner, address, source, createdAt, updatedAt, invitation, account, null, null);
  }

  /** The other member of the household, linked from this one's page. */
  public record PartnerMember(String id, String firstName, String lastName, String email) {

    public String fullName() {
      return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    }
  }

  public record Person(String firstName, String lastName, String email, String phone) {

    public String fullName() {
      return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    }
  }

  public record Address(String line1, String line2, String postcode, String city) {
  }

  /**
   * @param state         {@code REQUESTED}, {@code SENT} or {@code FAILED}
   * @param failureReason invitation-service's reason, a code then details ({@code recipient-rejected: 550 ...})
   */
  public record Invitation(String state, Instant lastRequestedAt, Instant lastSentAt, Instant lastFailedAt,
      String failure, String failureReason) {

    /** The code the reason starts with, which the bundles explain ({@code invitation.failure.<code>}). */
    public String failureCode() {
      if (failureReason == null || failureReason.isBlank()) {
        return "unknown";
      }
      int colon = failureReason.indexOf(':');
      return (colon < 0 ? failureReason : failureReason.substring(0, colon)).strip();
    }
  }

  public record Account(Instant passwordSetAt, Instant lastLoginAt) {
  }

  public String fullName() {
    return person == null ? "" : person.fullName();
  }

  public String email() {
    return person == null ? null : person.email();
  }

  /** What the badge next to the member says, most telling first. */
  public Status status() {
    if (account != null && account.lastLoginAt() != null) {
      return Status.LOGGED_IN;
    }
    if (invitation != null && "FAILED".equals(invitation.state())) {
      return Status.INVITATION_FAILED;
    }
    if (account != null && account.passwordSetAt() != null) {
      return Status.PASSWORD_SET;
    }
    if (invitation != null && "SENT".equals(invitation.state())) {
      return Status.INVITED;
    }
    if (invitation != null && "REQUESTED".equals(invitation.state())) {
      return Status.INVITATION_SENDING;
    }
    return Status.NEVER_INVITED;
  }

  /** A member's status as a badge shows it; labels are {@code member.status.<NAME>} in the bundles. */
  public enum Status {
    LOGGED_IN, PASSWORD_SET, INVITED, INVITATION_SENDING, INVITATION_FAILED, NEVER_INVITED
  }
}

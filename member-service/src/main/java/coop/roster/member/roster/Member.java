package coop.roster.member.roster;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import coop.roster.events.Address;
import coop.roster.events.Emails;
import coop.roster.events.MemberSource;
import coop.roster.events.Person;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A member of one group: a person, maybe a partner sharing the membership (as Cagette allows), an
 * address, where they came from, and what became of their invitation and account.
 *
 * @param groupEmail  {@code groupId:e-mail}, unique: one member per e-mail in a group
 * @param sortName    last then first name, folded (see {@link Folded}), for sorting
 * @param searchText  the words a coordinator may search by, folded
 * @param partnerId   the member of the same group this one shares a household with (each names the other), or
 *                    {@code null}; a partner without an e-mail of their own stays in {@code partner} instead
 * @param language    the member's preferred language ({@code fr}, {@code en}), or {@code null}: the group's
 */
@Document("members")
public record Member(
    @Id String id,
    String groupId,
    String groupEmail,
    Person person,
    Person partner,
    Address address,
    Source source,
    Instant createdAt,
    Instant updatedAt,
    Invitation invitation,
    Account account,
    String sortName,
    String searchText,
    String partnerId,
    String language) {

  /** The languages a member may prefer, as BCP 47 tags. */
  public static final Set<String> LANGUAGES = Set.of("fr", "en");

  /** How the member entered the roster; for an import, which row of which import. */
  public record Source(MemberSource kind, String importId, Integer rowNumber) {

    public static Source manual() {
      return new Source(MemberSource.MANUAL, null, null);
    }

    public static Source importRow(String importId, int rowNumber) {
      return new Source(MemberSource.IMPORT, importId, rowNumber);
    }
  }

  /**
   * The member's last invitation.
   *
   * @param statusAt         when the status now shown happened, so that an older one arriving late changes nothing
   * @param requestedAgainAt when the request, unanswered, was made once more (same request id)
   * @param requestTimes     when the member's last few invitations were requested, oldest first (as many as the
   *                         daily limit counts; absent on members invited before it was kept)
   * @param automaticReminders how many automatic reminders the member was sent ({@code null}: none)
   */
  public record Invitation(InvitationState state, String lastRequestId, Instant lastRequestedAt,
      Instant lastSentAt, Instant lastFailedAt, String failure, String failureReason, Instant statusAt,
      Instant requestedAgainAt, java.util.List<Instant> requestTimes, Integer automaticReminders) {

    /** How many automatic reminders were requested for the member. */
    public int automaticRemindersSoFar() {
      return automaticReminders == null ? 0 : automaticReminders;
    }
  }

  /** Where the last invitation stands. */
  public enum InvitationState {
    /** Asked of invitation-service; neither sent nor failed since. */
    REQUESTED, SENT, FAILED
  }

  /** What the member did with their account. */
  public record Account(Instant passwordSetAt, Instant lastLoginAt) {
  }

  private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

  /**
   * A new member's id: a UUID ordered by creation time (version 7, RFC 9562), so that the members created together
   * (an import's 500 a write) sit side by side in every collection and index keyed by member id (here, and in the
   * other services' copies) instead of on a random page each. On the local stack's store (H2 B-trees, each changed
   * page rewritten whole at a commit) inserting and then updating 100,000 members took half the time and CPU of the
   * same with random (version 4) ids; MongoDB's B-trees fill the same way. Still 74 random bits: not guessable.
   */
  public static String newId() {
    return IDS.generate().toString();
  }

  /** A new member, details cleaned (trimmed, e-mails normalised, blanks as absent). */
  public static Member create(String id, String groupId, Person person, Person partner, Address address,
      Source source, Instant now) {
    return new Member(id, groupId, null, null, null, null, source, now, now, null, null, null, null, null, null)
        .withDetails(person, partner, address, now);
  }

  /** The same member with these details, cleaned, and the keys that derive from them. */
  public Member withDetails(Person person, Person partner, Address address, Instant now) {
    Person cleanPerson = clean(person);
    Person cleanPartner = clean(partner);
    Address cleanAddress = clean(address);
    return new Member(id, groupId, groupEmail(groupId, cleanPerson.email()), cleanPerson, cleanPartner,
        cleanAddress, source, createdAt, now, invitation, account, Folded.sortName(cleanPerson),
        Folded.searchText(cleanPerson, cleanPartner, cleanAddress), partnerId, language);
  }

  /** The same member linked to {@code partnerId} as one household ({@code null}: no longer linked). */
  public Member withPartnerId(String partnerId) {
    return new Member(id, groupId, groupEmail, person, partner, address, source, createdAt, updatedAt, invitation,
        account, sortName, searchText, partnerId, language);
  }

  /**
   * Whether this partner has an e-mail of their own, and so is a member of their own; a couple sharing one e-mail
   * stays one member (one login per e-mail) with the partner on their page.
   */
  public static boolean isSeparateMember(Person person, Person partner) {
    Person cleanPartner = clean(partner);
    return cleanPartner != null && cleanPartner.email() != null && person != null
        && !cleanPartner.email().equals(Emails.normalize(blankToNull(person.email())));
  }

  /** The same member preferring this language, or the group's when {@code null} (or not one of {@link #LANGUAGES}). */
  public Member withLanguage(String language) {
    return new Member(id, groupId, groupEmail, person, partner, address, source, createdAt, updatedAt, invitation,
        account, sortName, searchText, partnerId, language != null && LANGUAGES.contains(language) ? language : null);
  }

  /** The language to write to the member in: theirs, else the group's. */
  public String languageOr(String groupLanguage) {
    return language != null ? language : groupLanguage;
  }

  /** Whether these details, once cleaned, are the member's already. */
  public boolean hasDetails(Person person, Person partner, Address address) {
    return Objects.equals(this.person, clean(person)) && Objects.equals(this.partner, clean(partner))
        && Objects.equals(this.address, clean(address));
  }

  public boolean cameFrom(String importId, int rowNumber) {
    return source != null && importId.equals(source.importId()) && source.rowNumber() != null
        && source.rowNumber() == rowNumber;
  }

  public String displayName() {
    return (nullToEmpty(person.firstName()) + " " + nullToEmpty(person.lastName())).strip();
  }

  public static String groupEmail(String groupId, String email) {
    return groupId + ":" + Emails.normalize(email);
  }

  static Person clean(Person person) {
    if (person == null) {
      return null;
    }
    Person cleaned = new Person(blankToNull(person.firstName()), blankToNull(person.lastName()),
        Emails.normalize(blankToNull(person.email())), blankToNull(person.phone()));
    return cleaned.firstName() == null && cleaned.lastName() == null && cleaned.email() == null
        && cleaned.phone() == null ? null : cleaned;
  }

  static Address clean(Address address) {
    if (address == null) {
      return null;
    }
    Address cleaned = new Address(blankToNull(address.line1()), blankToNull(address.line2()),
        blankToNull(address.postcode()), blankToNull(address.city()));
    return cleaned.line1() == null && cleaned.line2() == null && cleaned.postcode() == null
        && cleaned.city() == null ? null : cleaned;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}

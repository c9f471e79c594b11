package coop.roster.events;

/** The one place that names Roster's Kafka topics. */
public final class Topics {

  public static final String MEMBERS_CREATED = "members.created.v1";
  public static final String IMPORTS_OUTCOMES = "imports.outcomes.v1";
  public static final String MEMBERS_ROSTER = "members.roster.v1";
  public static final String INVITATIONS_REQUESTED = "invitations.requested.v1";
  public static final String INVITATIONS_STATUS = "invitations.status.v1";
  public static final String IDENTITY_EVENTS = "identity.events.v1";
  public static final String GROUPS = "groups.v1";

  /** Where a consumer parks what it cannot process, without blocking the partition. */
  public static String deadLetter(String topic) {
    return topic + ".dlq";
  }

  private Topics() {
  }
}

package coop.roster.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event carries a {@code type} (its simple name, written by the JSON mapping), a schema
 * {@code version}, a unique {@code eventId} and the instant it {@code occurredAt}. Readers ignore
 * fields they do not know, so a newer producer never breaks an older consumer.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MemberCreated.class, name = "MemberCreated"),
    @JsonSubTypes.Type(value = ImportRowOutcome.class, name = "ImportRowOutcome"),
    @JsonSubTypes.Type(value = MemberAdded.class, name = "MemberAdded"),
    @JsonSubTypes.Type(value = MemberUpdated.class, name = "MemberUpdated"),
    @JsonSubTypes.Type(value = MemberRemoved.class, name = "MemberRemoved"),
    @JsonSubTypes.Type(value = InvitationRequested.class, name = "InvitationRequested"),
    @JsonSubTypes.Type(value = InvitationSent.class, name = "InvitationSent"),
    @JsonSubTypes.Type(value = InvitationFailed.class, name = "InvitationFailed"),
    @JsonSubTypes.Type(value = MemberLoggedIn.class, name = "MemberLoggedIn"),
    @JsonSubTypes.Type(value = PasswordSet.class, name = "PasswordSet"),
    @JsonSubTypes.Type(value = GroupCreated.class, name = "GroupCreated"),
    @JsonSubTypes.Type(value = GroupCoordinatorsChanged.class, name = "GroupCoordinatorsChanged")
})
@JsonIgnoreProperties(value = "version", allowGetters = true, ignoreUnknown = true)
public sealed interface RosterEvent
    permits MemberCreated, ImportRowOutcome, RosterChange, InvitationRequested, InvitationStatus,
    IdentityEvent, GroupEvent {

  /** Schema version of every event on a {@code .v1} topic. */
  int VERSION = 1;

  UUID eventId();

  Instant occurredAt();

  @JsonProperty("version")
  default int version() {
    return VERSION;
  }

  /** The name written in the {@code type} field. */
  @JsonIgnore
  default String type() {
    return getClass().getSimpleName();
  }

  /** The topic this event travels on. */
  @JsonIgnore
  String topic();

  /** The record key: events with the same key stay in order. */
  @JsonIgnore
  String key();
}

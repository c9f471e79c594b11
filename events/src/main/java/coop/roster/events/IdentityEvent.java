package coop.roster.events;

/** Something a person did on Keycloak, published on {@link Topics#IDENTITY_EVENTS}. */
public sealed interface IdentityEvent extends RosterEvent permits MemberLoggedIn, PasswordSet {

  /** Keycloak's id of the user. */
  String userId();

  String email();

  @Override
  default String topic() {
    return Topics.IDENTITY_EVENTS;
  }

  @Override
  default String key() {
    return Emails.normalize(email());
  }
}

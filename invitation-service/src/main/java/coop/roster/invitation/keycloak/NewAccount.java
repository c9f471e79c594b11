package coop.roster.invitation.keycloak;

/** A person who needs an account: the e-mail is the login; names are shown by Keycloak's pages. */
public record NewAccount(String email, String firstName, String lastName) {
}

package coop.roster.events;

/** A person as a member list knows them; the e-mail is in its normal form ({@link Emails}). */
public record Person(String firstName, String lastName, String email, String phone) {
}

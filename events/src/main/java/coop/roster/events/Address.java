package coop.roster.events;

/** A postal address as coordinators type it. */
public record Address(String line1, String line2, String postcode, String city) {
}

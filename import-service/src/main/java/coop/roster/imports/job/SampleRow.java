package coop.roster.imports.job;

import coop.roster.events.Address;
import coop.roster.events.Person;

/** One of the first rows, as it will be imported. */
public record SampleRow(long line, Person person, Person partner, Address address, boolean alreadyMember) {
}

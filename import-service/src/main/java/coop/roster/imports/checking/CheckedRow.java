package coop.roster.imports.checking;

import coop.roster.events.Address;
import coop.roster.events.Person;

import java.util.List;

/**
 * A row as it will be imported, and what is wrong with it.
 *
 * @param partner       {@code null} when the row names no partner
 * @param address       {@code null} when the row has no address
 * @param alreadyMember whether the e-mail is already a member of the group
 * @param language      the member's preferred language ({@code fr}, {@code en}), or {@code null}: the group's
 */
public record CheckedRow(long line, Person person, Person partner, Address address, List<Problem> problems,
    boolean alreadyMember, String language) {

  /** A row that names no language. */
  public CheckedRow(long line, Person person, Person partner, Address address, List<Problem> problems,
      boolean alreadyMember) {
    this(line, person, partner, address, problems, alreadyMember, null);
  }

  public CheckedRow {
    problems = List.copyOf(problems);
  }

  /** Rows with an error are left out of the import. */
  public boolean valid() {
    return problems.stream().noneMatch(problem -> problem.severity() == Severity.ERROR);
  }

  /** The reasons the row is left out, in the order they were found. */
  public List<Problem> errors() {
    return problems.stream().filter(problem -> problem.severity() == Severity.ERROR).toList();
  }
}

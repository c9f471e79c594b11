package coop.roster.imports.checking;

import coop.roster.events.Address;
import coop.roster.events.Emails;
import coop.roster.events.Person;
import coop.roster.imports.spreadsheet.Row;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks the rows of one file, in order, and remembers what it needs across rows (the e-mails met
 * so far). Every problem of a row is listed, not only the first one.
 */
public final class RowChecker {

  /**
   * A dotted domain and a local part without spaces: what mail servers accept, and what catches
   * the usual typing slips ("jean.dupont@gmail", "jean dupont@free.fr", "jean@@free.fr").
   */
  private static final Pattern EMAIL = Pattern.compile(
      "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
          + "@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+\\p{L}[\\p{L}\\p{N}-]*[\\p{L}\\p{N}]");

  private final ColumnMapping mapping;
  private final Predicate<String> alreadyMember;
  private final int maxFieldLength;
  private final Map<String, Long> firstLineOfEmail = new HashMap<>();

  /**
   * @param alreadyMember whether a normalised e-mail is already a member of the group
   */
  public RowChecker(ColumnMapping mapping, Predicate<String> alreadyMember, int maxFieldLength) {
    this.mapping = mapping;
    this.alreadyMember = alreadyMember;
    this.maxFieldLength = maxFieldLength;
  }

  /** A known set of members' e-mails. */
  public RowChecker(ColumnMapping mapping, Set<String> memberEmails, int maxFieldLength) {
    this(mapping, memberEmails::contains, maxFieldLength);
  }

  /** The row checked, or {@code null} for a row with nothing in it. */
  public CheckedRow check(Row row) {
    if (row.isBlank()) {
      return null;
    }
    List<Problem> problems = new ArrayList<>();
    RowValues values = new RowValues(row, problems);

    String firstName = Names.tidy(values.get(Field.FIRST_NAME));
    String lastName = Names.tidy(values.get(Field.LAST_NAME));
    String email = Emails.normalize(values.get(Field.EMAIL));
    String phone = Phones.withLeadingZero(values.get(Field.PHONE));
    if (values.missing(Field.FIRST_NAME)) {
      problems.add(values.problem(Field.FIRST_NAME, ProblemCode.MISSING_FIRST_NAME));
    }
    if (values.missing(Field.LAST_NAME)) {
      problems.add(values.problem(Field.LAST_NAME, ProblemCode.MISSING_LAST_NAME));
    }
    boolean alreadyMemberRow = false;
    if (values.missing(Field.EMAIL)) {
      problems.add(values.problem(Field.EMAIL, ProblemCode.MISSING_EMAIL));
    } else if (email.isEmpty()) {
      // too long: said already
    } else if (!EMAIL.matcher(email).matches()) {
      problems.add(values.problem(Field.EMAIL, ProblemCode.INVALID_EMAIL, values.get(Field.EMAIL)));
    } else {
      Long firstLine = firstLineOfEmail.putIfAbsent(email, row.line());
      if (firstLine != null) {
        problems.add(values.problem(Field.EMAIL, ProblemCode.DUPLICATE_EMAIL, email, String.valueOf(firstLine)));
      } else if (alreadyMember.test(email)) {
        alreadyMemberRow = true;
        problems.add(values.problem(Field.EMAIL, ProblemCode.ALREADY_MEMBER, email));
      }
    }
    checkPhone(values, Field.PHONE, phone, problems);

    Person partner = partner(values, problems);
    Address address = address(values, problems);
    Person person = new Person(firstName, lastName, email, blankToNull(phone));
    return new CheckedRow(row.line(), person, partner, address, problems, alreadyMemberRow,
        language(values, problems));
  }

  private Person partner(RowValues values, List<Problem> problems) {
    String firstName = Names.tidy(values.get(Field.PARTNER_FIRST_NAME));
    String lastName = Names.tidy(values.get(Field.PARTNER_LAST_NAME));
    String email = Emails.normalize(values.get(Field.PARTNER_EMAIL));
    String phone = Phones.withLeadingZero(values.get(Field.PARTNER_PHONE));
    if (firstName.isEmpty() && lastName.isEmpty() && email.isEmpty() && phone.isEmpty()) {
      return null;
    }
    if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
      problems.add(values.problem(Field.PARTNER_EMAIL, ProblemCode.INVALID_PARTNER_EMAIL,
          values.get(Field.PARTNER_EMAIL)));
    }
    if (firstName.isEmpty() && lastName.isEmpty()) {
      problems.add(values.problem(Field.PARTNER_FIRST_NAME, ProblemCode.INCOMPLETE_PARTNER));
    }
    checkPhone(values, Field.PARTNER_PHONE, phone, problems);
    return new Person(blankToNull(firstName), blankToNull(lastName), blankToNull(email), blankToNull(phone));
  }

  private Address address(RowValues values, List<Problem> problems) {
    String line1 = values.get(Field.ADDRESS_1);
    String line2 = values.get(Field.ADDRESS_2);
    String postcode = values.get(Field.POSTCODE);
    String city = values.get(Field.CITY);
    if (line1.isEmpty() && line2.isEmpty() && postcode.isEmpty() && city.isEmpty()) {
      return null;
    }
    for (Field part : List.of(Field.ADDRESS_1, Field.POSTCODE, Field.CITY)) {
      if (values.get(part).isEmpty()) {
        problems.add(values.problem(part, ProblemCode.INCOMPLETE_ADDRESS));
        break;
      }
    }
    return new Address(blankToNull(line1), blankToNull(line2), blankToNull(postcode), blankToNull(city));
  }

  /** The language the row names, or {@code null}; one not recognised is a warning and leaves the group's. */
  private static String language(RowValues values, List<Problem> problems) {
    String typed = values.get(Field.LANGUAGE);
    if (typed.isEmpty()) {
      return null;
    }
    String language = Languages.tag(typed);
    if (language == null) {
      problems.add(values.problem(Field.LANGUAGE, ProblemCode.UNKNOWN_LANGUAGE, typed));
    }
    return language;
  }

  private static void checkPhone(RowValues values, Field field, String phone, List<Problem> problems) {
    if (!phone.isEmpty() && !Phones.plausible(phone)) {
      problems.add(values.problem(field, ProblemCode.IMPLAUSIBLE_PHONE, phone));
    }
  }

  /** A cell's value tidied of spaces, otherwise as typed: what a file of rejected rows gives back. */
  public static String typed(String cell) {
    return Values.clean(cell);
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** The cleaned values of one row, by field; a value longer than the limit counts as absent. */
  private final class RowValues {

    private final Row row;
    private final Map<Field, String> values = new EnumMap<>(Field.class);
    private final Set<Field> tooLong = EnumSet.noneOf(Field.class);

    RowValues(Row row, List<Problem> problems) {
      this.row = row;
      for (Field field : Field.values()) {
        int column = mapping.indexOf(field);
        String value = column < 0 ? "" : Values.clean(row.cell(column));
        if (value.length() > maxFieldLength) {
          problems.add(problem(field, ProblemCode.FIELD_TOO_LONG, String.valueOf(maxFieldLength)));
          tooLong.add(field);
          value = "";
        }
        values.put(field, value);
      }
    }

    String get(Field field) {
      return values.get(field);
    }

    /** Empty as typed, not emptied for being too long. */
    boolean missing(Field field) {
      return values.get(field).isEmpty() && !tooLong.contains(field);
    }

    Problem problem(Field field, ProblemCode code, String... arguments) {
      return new Problem(row.line(), mapping.indexOf(field), field, code, List.of(arguments));
    }
  }
}

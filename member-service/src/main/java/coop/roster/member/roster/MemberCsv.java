package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.Person;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The roster as a spreadsheet: exactly the columns import-service recognises without a mapping step,
 * in Cagette's order then the member's own language (empty: the group's), {@code ;}-separated UTF-8 with a BOM and CRLF, what French Excel opens well. A
 * cell a spreadsheet would run as a formula gets a leading apostrophe, which import-service removes.
 */
final class MemberCsv {

  static final List<String> HEADERS = List.of("Prénom", "Nom", "Courriel", "Téléphone portable",
      "Prénom conjoint(e)", "Nom conjoint(e)", "Courriel conjoint(e)", "Téléphone conjoint(e)",
      "Adresse 1", "Adresse 2", "Code postal", "Ville", "Langue");

  private static final CSVFormat FORMAT = CSVFormat.Builder.create(CSVFormat.EXCEL)
      .setDelimiter(';')
      .setRecordSeparator("\r\n")
      .setHeader(HEADERS.toArray(String[]::new))
      .get();

  private MemberCsv() {
  }

  /** Members one to a row, each with the partner noted on their page. */
  static void write(Iterator<Member> members, OutputStream out) throws IOException {
    writeHouseholds(Households.together(members, id -> Optional.empty()), out);
  }

  /**
   * The roster, households together: each member of a household on their own row, the other in its partner columns,
   * so that the import reads the household back as two linked members.
   */
  static void writeHouseholds(Iterator<Households.Listed> listed, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write('\uFEFF');
    try (CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
      while (listed.hasNext()) {
        printer.printRecord(row(listed.next()).stream().map(MemberCsv::neutralised).toList());
      }
    }
  }

  static List<String> row(Member member) {
    return row(member, member.partner());
  }

  /** A member's row, with the member they share a household with (or the partner noted on their page). */
  static List<String> row(Households.Listed listed) {
    Member member = listed.member();
    return row(member, listed.partnerMember() == null ? member.partner() : listed.partnerMember().person());
  }

  private static List<String> row(Member member, Person partnerOrNull) {
    Person person = member.person();
    Person partner = partnerOrNull == null ? new Person(null, null, null, null) : partnerOrNull;
    Address address = member.address() == null ? new Address(null, null, null, null) : member.address();
    return java.util.Arrays.asList(person.firstName(), person.lastName(), person.email(), person.phone(),
        partner.firstName(), partner.lastName(), partner.email(), partner.phone(),
        address.line1(), address.line2(), address.postcode(), address.city(), member.language());
  }

  /**
   * A cell that starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so no
   * spreadsheet runs it as a formula (phone numbers such as {@code +33 6…} come back intact on import).
   */
  static String neutralised(String cell) {
    if (cell == null || cell.isEmpty()) {
      return "";
    }
    return switch (cell.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
      default -> cell;
    };
  }
}

package coop.roster.gateway.roster;

import java.util.Map;

/**
 * A member's details as the "Nouvel adhérent" and edit forms post them, and as member-service takes
 * them: the form's field names ({@code partner.email}) are the JSON paths, so the service's errors per
 * field land next to the right input. The service checks them; the page only shows what it says.
 *
 * @param partnerOf the member this one is added as the partner of ("Ajouter son conjoint"), or {@code null}
 * @param language  the member's preferred language ({@code fr}, {@code en}), or {@code null}: the group's
 */
public record MemberForm(String email, String firstName, String lastName, String phone, Partner partner,
    PostalAddress address, String partnerOf, String language) {

  /** A member alone, without a language of their own: the group's. */
  public MemberForm(String email, String firstName, String lastName, String phone, Partner partner,
      PostalAddress address) {
    this(email, firstName, lastName, phone, partner, address, null, null);
  }

  public record Partner(String firstName, String lastName, String email, String phone) {
  }

  public record PostalAddress(String line1, String line2, String postcode, String city) {
  }

  /**
   * The form as posted ({@code email}, {@code partner.firstName}, {@code address.city}...): a blank field is
   * no value, and a partner or address left blank is none. Read by hand rather than by Spring's binding of
   * nested records, which refuses a form whose nested fields are all there but empty.
   */
  public static MemberForm fromFields(Map<String, String> fields) {
    Partner partner = new Partner(value(fields, "partner.firstName"), value(fields, "partner.lastName"),
        value(fields, "partner.email"), value(fields, "partner.phone"));
    PostalAddress address = new PostalAddress(value(fields, "address.line1"), value(fields, "address.line2"),
        value(fields, "address.postcode"), value(fields, "address.city"));
    return new MemberForm(value(fields, "email"), value(fields, "firstName"), value(fields, "lastName"),
        value(fields, "phone"), partner.equals(new Partner(null, null, null, null)) ? null : partner,
        address.equals(new PostalAddress(null, null, null, null)) ? null : address, value(fields, "partnerOf"),
        value(fields, "language"));
  }

  private static String value(Map<String, String> fields, String name) {
    String value = fields.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  public static MemberForm empty() {
    return new MemberForm(null, null, null, null, null, null);
  }

  /**
   * "Ajouter son conjoint": a new member as the partner of {@code first}, prefilled with the partner noted on their
   * page (if any) and their household's address.
   */
  public static MemberForm partnerOf(Member first) {
    Member.Person noted = first.partner();
    Member.Address a = first.address();
    return new MemberForm(noted == null ? null : noted.email(), noted == null ? null : noted.firstName(),
        noted == null ? first.person().lastName() : noted.lastName(), noted == null ? null : noted.phone(), null,
        a == null ? null : new PostalAddress(a.line1(), a.line2(), a.postcode(), a.city()), first.id(),
        first.language());
  }

  public static MemberForm of(Member member) {
    Member.Person p = member.person();
    Member.Person partner = member.partner();
    Member.Address a = member.address();
    return new MemberForm(p == null ? null : p.email(), p == null ? null : p.firstName(),
        p == null ? null : p.lastName(), p == null ? null : p.phone(),
        partner == null ? null : new Partner(partner.firstName(), partner.lastName(), partner.email(),
            partner.phone()),
        a == null ? null : new PostalAddress(a.line1(), a.line2(), a.postcode(), a.city()), null, member.language());
  }
}

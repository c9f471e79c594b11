package coop.roster.gateway.roster;

/**
 * A member's details as the "Nouvel adhérent" and edit forms post them, and as member-service takes
 * them: the form's field names ({@code partner.email}) are the JSON paths, so the service's errors per
 * field land next to the right input. The service checks them; the page only shows what it says.
 */
public record MemberForm(String email, String firstName, String lastName, String phone, Partner partner,
    PostalAddress address) {

  public record Partner(String firstName, String lastName, String email, String phone) {
  }

  public record PostalAddress(String line1, String line2, String postcode, String city) {
  }

  public static MemberForm empty() {
    return new MemberForm(null, null, null, null, null, null);
  }

  public static MemberForm of(Member member) {
    Member.Person p = member.person();
    Member.Person partner = member.partner();
    Member.Address a = member.address();
    return new MemberForm(p == null ? null : p.email(), p == null ? null : p.firstName(),
        p == null ? null : p.lastName(), p == null ? null : p.phone(),
        partner == null ? null : new Partner(partner.firstName(), partner.lastName(), partner.email(),
            partner.phone()),
        a == null ? null : new PostalAddress(a.line1(), a.line2(), a.postcode(), a.city()));
  }
}

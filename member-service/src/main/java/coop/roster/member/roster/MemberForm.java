package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.Person;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A member as a coordinator types them in "Nouvel adhérent": e-mail, first and last name required,
 * the e-mail a valid address (internationalised domains accepted).
 */
@Schema(description = "A member's details, as typed by a coordinator")
record MemberForm(
    @NotBlank @Email(regexp = MemberForm.EMAIL_WITH_DOMAIN) @Size(max = 254) String email,
    @NotBlank @Size(max = 100) String firstName,
    @NotBlank @Size(max = 100) String lastName,
    @Size(max = 40) String phone,
    @Valid PartnerForm partner,
    @Valid AddressForm address,
    @Schema(description = "the id of the member this one shares a household with (\"Ajouter son conjoint\"); "
        + "only on creation") @Size(max = 100) String partnerOf,
    @Schema(description = "preferred language, fr or en; absent: the group's") @Pattern(regexp = "fr|en")
    String language) {

  /** A member's details alone, not added as anyone's partner, without a language of their own. */
  MemberForm(String email, String firstName, String lastName, String phone, PartnerForm partner,
      AddressForm address) {
    this(email, firstName, lastName, phone, partner, address, null, null);
  }

  /** An e-mail as pasted, with spaces around it, is the same e-mail. */
  MemberForm {
    email = email == null ? null : email.strip();
  }

  /** A dot in the domain: "jeanne@gmail" is a typo, not an address a mail would reach. */
  static final String EMAIL_WITH_DOMAIN = "^[^@]+@[^@]+\\.[^@.]+$";

  /** The partner sharing the membership; every field optional. */
  record PartnerForm(
      @Size(max = 100) String firstName,
      @Size(max = 100) String lastName,
      @Email(regexp = EMAIL_WITH_DOMAIN) @Size(max = 254) String email,
      @Size(max = 40) String phone) {

    PartnerForm {
      email = email == null ? null : email.strip();
    }
  }

  record AddressForm(
      @Size(max = 200) String line1,
      @Size(max = 200) String line2,
      @Size(max = 20) String postcode,
      @Size(max = 100) String city) {
  }

  Person person() {
    return new Person(firstName, lastName, email, phone);
  }

  Person partnerPerson() {
    return partner == null ? null : new Person(partner.firstName, partner.lastName, partner.email, partner.phone);
  }

  Address postalAddress() {
    return address == null ? null : new Address(address.line1, address.line2, address.postcode, address.city);
  }
}

package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.Person;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules a member's details obey, whatever the path: the same constraints as "Nouvel adhérent",
 * applied to a row of an import, answering why it is refused in words a coordinator reads.
 */
@Component
public class MemberRules {

  private final Validator validator;
  private final MessageSource messages;

  MemberRules(Validator validator, MessageSource messages) {
    this.validator = validator;
    this.messages = messages;
  }

  /** Why these details cannot be a member, in French (the group's language), or empty when they can. */
  public Optional<String> rejection(Person person, Person partner, Address address) {
    MemberForm form = new MemberForm(person.email(), person.firstName(), person.lastName(), person.phone(),
        partner == null ? null : new MemberForm.PartnerForm(partner.firstName(), partner.lastName(),
            partner.email(), partner.phone()),
        address == null ? null : new MemberForm.AddressForm(address.line1(), address.line2(), address.postcode(),
            address.city()));
    return validator.validate(form).stream()
        .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .map(this::describe);
  }

  private String describe(ConstraintViolation<MemberForm> violation) {
    String field = violation.getPropertyPath().toString();
    String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    Object label = new DefaultMessageSourceResolvable(new String[] {"memberForm." + field, field}, field);
    return messages.getMessage(new DefaultMessageSourceResolvable(
        new String[] {constraint + ".memberForm." + field, constraint + "." + field, constraint},
        new Object[] {label}, violation.getMessage()), Locale.FRENCH);
  }
}

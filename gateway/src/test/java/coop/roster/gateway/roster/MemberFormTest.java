package coop.roster.gateway.roster;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "Nouvel adhérent" as the browser posts it: every field there, most of them empty. */
class MemberFormTest {

  @Test
  void aPartnerAndAnAddressLeftBlankAreNone() {
    MemberForm form = MemberForm.fromFields(Map.of("_csrf", "t", "email", "paul@example.org", "firstName", "Paul",
        "lastName", "Roux", "phone", " ", "partner.firstName", "", "partner.email", "", "address.line1", "",
        "address.city", "Montreuil"));
    assertThat(form.email()).isEqualTo("paul@example.org");
    assertThat(form.phone()).isNull();
    assertThat(form.partner()).isNull();
    assertThat(form.address()).isEqualTo(new MemberForm.PostalAddress(null, null, null, "Montreuil"));
  }

  @Test
  void theLanguageChosenIsSentAndTheGroupsIsNone() {
    assertThat(MemberForm.fromFields(Map.of("email", "anna@example.org", "language", "en")).language())
        .isEqualTo("en");
    assertThat(MemberForm.fromFields(Map.of("email", "paul@example.org", "language", "")).language()).isNull();
  }
}

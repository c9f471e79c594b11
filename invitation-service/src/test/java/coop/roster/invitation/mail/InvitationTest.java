package coop.roster.invitation.mail;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class InvitationTest {

  @Test
  void speaksEnglishOnlyToThoseWhoAskForItAndFrenchToEveryoneElse() {
    assertThat(Invitation.language("en")).isEqualTo(Locale.ENGLISH);
    assertThat(Invitation.language("en-GB")).isEqualTo(Locale.ENGLISH);
    assertThat(Invitation.language("en_US")).isEqualTo(Locale.ENGLISH);
    assertThat(Invitation.language("fr")).isEqualTo(Locale.FRENCH);
    assertThat(Invitation.language("de")).isEqualTo(Locale.FRENCH);
    assertThat(Invitation.language(null)).isEqualTo(Locale.FRENCH);
  }

  @Test
  void refusesAddressesNoRelayCouldDeliverTo() {
    assertThat(valid("camille.martin@example.org")).isTrue();
    assertThat(valid("zoé château@@example.org")).isFalse();
    assertThat(valid("camille")).isFalse();
    assertThat(valid("")).isFalse();
    assertThat(valid("Camille <camille@example.org>, paul@example.org")).isFalse();
  }

  private static boolean valid(String email) {
    try {
      MimeInvitations.recipient(email);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}

package coop.roster.imports.checking;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PhonesTest {

  private static final PhoneNumberUtil LIBPHONENUMBER = PhoneNumberUtil.getInstance();

  @Test
  void answersWithoutLibphonenumberOnlyWhereItWouldSayPossible() {
    List<String> numbers = new ArrayList<>(List.of("06 12 34 56 78", "0612345678", "06.12.34.56.78",
        "06-12-34-56-78", "01 23 45 67 89", "09 99 99 99 99", " 06 12 34 56 78", "06 12 34 56 78 ",
        "-0612345678", "06..12..34..56..78", "0 6 1 2 3 4 5 6 7 8", "06 12 34 56 7", "06 12 34 56 789",
        "00 12 34 56 78", "0012345678", "1612345678", "6 12 34 56 78", "..", "0", "------0612345678----"));
    Random random = new Random(42);
    String separators = " .-";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder number = new StringBuilder();
      int digits = 8 + random.nextInt(4);
      for (int d = 0; d < digits; d++) {
        number.append(d == 0 && random.nextInt(10) > 0 ? '0' : (char) ('0' + random.nextInt(10)));
        if (random.nextInt(3) == 0) {
          number.append(separators.charAt(random.nextInt(separators.length())));
        }
      }
      numbers.add(number.toString());
    }

    int fast = 0;
    for (String number : numbers) {
      if (Phones.frenchNational(number)) {
        fast++;
        assertThat(LIBPHONENUMBER.isPossibleNumber(number, "FR")).as(number).isTrue();
      }
    }
    assertThat(fast).isGreaterThan(1_000);
  }

  @Test
  void leavesOtherShapesToLibphonenumber() {
    assertThat(Phones.plausible("+33 6 12 34 56 78")).isTrue();
    assertThat(Phones.plausible("+33 (0)6 12 34 56 78")).isTrue();
    assertThat(Phones.plausible("+32 470 12 34 56")).isTrue();
    assertThat(Phones.plausible("06 12 34 56 78")).isTrue();
    assertThat(Phones.plausible("06 12 34")).isFalse();
    assertThat(Phones.plausible("phone me")).isFalse();
    assertThat(Phones.plausible("06 12 34 56 78 ext")).isFalse();
  }
}

package coop.roster.imports.checking;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.regex.Pattern;

/**
 * Whether a phone number is plausible: only the characters people write numbers with, and a number that
 * could exist (libphonenumber), French when it has no country code, as the groups are French.
 */
final class Phones {

  private static final Pattern PHONE_CHARACTERS = Pattern.compile("[0-9+ ().\\-/]+");
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final String DEFAULT_REGION = "FR";

  private Phones() {
  }

  /**
   * A French number a spreadsheet stored as a number has lost its leading 0 (612345678): it gets it
   * back, written as French numbers are ("06 12 34 56 78"). Anything else is kept as typed.
   */
  static String withLeadingZero(String phone) {
    if (phone.length() != 9 || phone.charAt(0) == '0') {
      return phone;
    }
    for (int i = 0; i < phone.length(); i++) {
      if (phone.charAt(i) < '0' || phone.charAt(i) > '9') {
        return phone;
      }
    }
    return "0" + phone.charAt(0) + " " + phone.substring(1, 3) + " " + phone.substring(3, 5) + " "
        + phone.substring(5, 7) + " " + phone.substring(7, 9);
  }

  static boolean plausible(String phone) {
    return PHONE_CHARACTERS.matcher(phone).matches()
        && (frenchNational(phone) || PHONES.isPossibleNumber(phone, DEFAULT_REGION));
  }

  /**
   * Ten digits from 01 to 09, spaced, dotted or dashed: how most numbers in a French file are written, and
   * numbers libphonenumber always finds possible (PhonesTest compares). Answered without it: it parses each
   * number in full, which was the costliest part of checking a row.
   */
  static boolean frenchNational(String phone) {
    int digits = 0;
    for (int i = 0; i < phone.length(); i++) {
      char c = phone.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 0 && c != '0' || digits == 1 && c == '0') {
          return false;
        }
        digits++;
      } else if (c != ' ' && c != '.' && c != '-') {
        return false;
      }
    }
    return digits == 10;
  }
}

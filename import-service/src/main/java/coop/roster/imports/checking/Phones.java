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

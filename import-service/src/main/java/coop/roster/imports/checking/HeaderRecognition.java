package coop.roster.imports.checking;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * Recognises columns from the headers people really write, in French and English, whatever their
 * case, accents, spaces and punctuation: "Prénom", "PRENOM", "first_name" and "First Name" are
 * one header.
 */
public final class HeaderRecognition {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^a-z0-9]+");
  private static final Pattern EMAIL_LIKE = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private static final Map<String, Field> HEADERS = Map.ofEntries(
      entry("prenom", Field.FIRST_NAME), entry("prenoms", Field.FIRST_NAME),
      entry("firstname", Field.FIRST_NAME), entry("givenname", Field.FIRST_NAME), entry("first", Field.FIRST_NAME),
      entry("nom", Field.LAST_NAME), entry("nomdefamille", Field.LAST_NAME), entry("lastname", Field.LAST_NAME),
      entry("surname", Field.LAST_NAME), entry("familyname", Field.LAST_NAME), entry("last", Field.LAST_NAME),
      entry("email", Field.EMAIL), entry("courriel", Field.EMAIL), entry("mail", Field.EMAIL),
      entry("adressemail", Field.EMAIL), entry("adresseemail", Field.EMAIL), entry("adressecourriel", Field.EMAIL),
      entry("adresseelectronique", Field.EMAIL), entry("emailaddress", Field.EMAIL), entry("mel", Field.EMAIL),
      entry("telephone", Field.PHONE), entry("telephoneportable", Field.PHONE), entry("tel", Field.PHONE),
      entry("portable", Field.PHONE), entry("mobile", Field.PHONE), entry("phone", Field.PHONE),
      entry("phonenumber", Field.PHONE), entry("mobilephone", Field.PHONE), entry("telephonemobile", Field.PHONE),
      entry("prenomconjoint", Field.PARTNER_FIRST_NAME), entry("prenomconjointe", Field.PARTNER_FIRST_NAME),
      entry("prenomduconjoint", Field.PARTNER_FIRST_NAME), entry("partnerfirstname", Field.PARTNER_FIRST_NAME),
      entry("nomconjoint", Field.PARTNER_LAST_NAME), entry("nomconjointe", Field.PARTNER_LAST_NAME),
      entry("nomduconjoint", Field.PARTNER_LAST_NAME), entry("partnerlastname", Field.PARTNER_LAST_NAME),
      entry("partnersurname", Field.PARTNER_LAST_NAME),
      entry("courrielconjoint", Field.PARTNER_EMAIL), entry("courrielconjointe", Field.PARTNER_EMAIL),
      entry("emailconjoint", Field.PARTNER_EMAIL), entry("emailconjointe", Field.PARTNER_EMAIL),
      entry("mailconjoint", Field.PARTNER_EMAIL), entry("mailconjointe", Field.PARTNER_EMAIL),
      entry("partneremail", Field.PARTNER_EMAIL),
      entry("telephoneconjoint", Field.PARTNER_PHONE), entry("telephoneconjointe", Field.PARTNER_PHONE),
      entry("telconjoint", Field.PARTNER_PHONE), entry("telconjointe", Field.PARTNER_PHONE),
      entry("partnerphone", Field.PARTNER_PHONE), entry("partnermobile", Field.PARTNER_PHONE),
      entry("adresse1", Field.ADDRESS_1), entry("adresse", Field.ADDRESS_1), entry("address", Field.ADDRESS_1),
      entry("address1", Field.ADDRESS_1), entry("addressline1", Field.ADDRESS_1), entry("rue", Field.ADDRESS_1),
      entry("adresse2", Field.ADDRESS_2), entry("address2", Field.ADDRESS_2), entry("addressline2", Field.ADDRESS_2),
      entry("complementdadresse", Field.ADDRESS_2),
      entry("codepostal", Field.POSTCODE), entry("cp", Field.POSTCODE), entry("postcode", Field.POSTCODE),
      entry("postalcode", Field.POSTCODE), entry("zip", Field.POSTCODE), entry("zipcode", Field.POSTCODE),
      entry("ville", Field.CITY), entry("city", Field.CITY), entry("commune", Field.CITY), entry("town", Field.CITY),
      entry("langue", Field.LANGUAGE), entry("language", Field.LANGUAGE), entry("lang", Field.LANGUAGE),
      entry("languepreferee", Field.LANGUAGE), entry("preferredlanguage", Field.LANGUAGE));

  /** The field a header names, or {@code null}. */
  public static Field field(String header) {
    return HEADERS.get(normalize(header));
  }

  /** Lower case, without accents, spaces or punctuation. */
  static String normalize(String header) {
    String decomposed = Normalizer.normalize(header.strip(), Normalizer.Form.NFD);
    return NOT_LETTER_OR_DIGIT.matcher(MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT))
        .replaceAll("");
  }

  /**
   * What the first row says about the columns: the mapping its headers give (a header naming a
   * field already taken is ignored), or, when it holds a member rather than headers, a mapping
   * with no header row and only the e-mail column guessed.
   */
  public static ColumnMapping propose(List<String> firstRow) {
    List<Field> columns = new ArrayList<>();
    Set<Field> taken = EnumSet.noneOf(Field.class);
    boolean anyRecognised = false;
    for (String cell : firstRow) {
      Field field = field(cell);
      if (field != null && taken.add(field)) {
        columns.add(field);
        anyRecognised = true;
      } else {
        columns.add(null);
      }
    }
    if (anyRecognised || firstRow.stream().noneMatch(cell -> EMAIL_LIKE.matcher(cell.strip()).matches())) {
      return new ColumnMapping(true, columns);
    }
    List<Field> guessed = new ArrayList<>();
    boolean emailGuessed = false;
    for (String cell : firstRow) {
      boolean email = !emailGuessed && EMAIL_LIKE.matcher(cell.strip()).matches();
      guessed.add(email ? Field.EMAIL : null);
      emailGuessed |= email;
    }
    return new ColumnMapping(false, guessed);
  }

  /**
   * What identifies a file's layout, so the mapping a coordinator made is used again for the next
   * file of the same shape: its normalised headers, or its number of columns when it has none.
   */
  public static String signature(List<String> firstRow, boolean headerRow) {
    if (!headerRow) {
      return "columns:" + firstRow.size();
    }
    return "headers:" + String.join("|", firstRow.stream().map(HeaderRecognition::normalize).toList());
  }

  private HeaderRecognition() {
  }
}

package coop.roster.imports.checking;

/**
 * What a column holds. The order is Cagette's 12-column export, which is also member-service's
 * CSV export and the import template, then the member's preferred language (Roster's own column);
 * each field's header is {@code field.<NAME>} in the bundles.
 */
public enum Field {
  FIRST_NAME, LAST_NAME, EMAIL, PHONE,
  PARTNER_FIRST_NAME, PARTNER_LAST_NAME, PARTNER_EMAIL, PARTNER_PHONE,
  ADDRESS_1, ADDRESS_2, POSTCODE, CITY,
  LANGUAGE;

  /** Every row needs these. */
  public boolean required() {
    return this == FIRST_NAME || this == LAST_NAME || this == EMAIL;
  }

  /** The key of its header in the bundles. */
  public String messageKey() {
    return "field." + name();
  }
}

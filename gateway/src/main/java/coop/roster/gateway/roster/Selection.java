package coop.roster.gateway.roster;

/**
 * The "Sélections" of the member list, in the order the page lists them (member-service's names).
 * Their labels are {@code selection.<NAME>} in the bundles.
 */
public enum Selection {
  ALL, NEVER_LOGGED_IN, NEVER_INVITED, INVITED_NOT_ACTIVATED, INVITATION_FAILED, LOGGED_IN, ADDED_LAST_30_DAYS;

  /** The selection a link names, or everybody for a name that is none. */
  public static Selection parse(String name) {
    for (Selection selection : values()) {
      if (selection.name().equals(name)) {
        return selection;
      }
    }
    return ALL;
  }
}

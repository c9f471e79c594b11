package coop.roster.identity.invitation;

/**
 * Bounds of one call to the links endpoint, from the provider's configuration.
 *
 * @param maxEmails          e-mails in one batch
 * @param minLifetimeSeconds shortest lifetime of a link
 * @param maxLifetimeSeconds longest lifetime of a link
 */
record InvitationLimits(int maxEmails, long minLifetimeSeconds, long maxLifetimeSeconds) {

  static final int DEFAULT_MAX_EMAILS = 500;
  static final long DEFAULT_MIN_LIFETIME_SECONDS = 1;
  static final long DEFAULT_MAX_LIFETIME_SECONDS = 30L * 24 * 3600;
}

package coop.roster.identity.invitation;

/**
 * Why the links endpoint refuses a call, as a machine-readable {@code code} in the problem details;
 * the readable {@code detail} comes from {@code messages.properties} under the same code.
 */
enum Problem {
  UNAUTHENTICATED(401, "unauthenticated"),
  NOT_AN_INVITATION_ISSUER(403, "not-an-invitation-issuer"),
  UNREADABLE_BODY(400, "unreadable-body"),
  MISSING_CLIENT_ID(400, "missing-client-id"),
  MISSING_REDIRECT_URI(400, "missing-redirect-uri"),
  LIFETIME_OUT_OF_RANGE(400, "lifetime-out-of-range"),
  NO_EMAILS(400, "no-emails"),
  TOO_MANY_EMAILS(400, "too-many-emails"),
  UNKNOWN_CLIENT(400, "unknown-client"),
  REDIRECT_URI_NOT_ALLOWED(400, "redirect-uri-not-allowed");

  final int status;
  final String code;

  Problem(int status, String code) {
    this.status = status;
    this.code = code;
  }
}

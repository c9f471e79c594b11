package coop.roster.identity.invitation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The answer for one e-mail of the batch: either its {@code link} and when it {@code expiresAt}
 * (ISO-8601), or an {@code error} code ({@code unknown-user}, {@code disabled-user},
 * {@code not-invitable}, {@code has-password}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LinkAnswer(String email, String link, String expiresAt, String error) {

  static final String UNKNOWN_USER = "unknown-user";
  static final String DISABLED_USER = "disabled-user";
  /** Service accounts and administrators set their passwords otherwise. */
  static final String NOT_INVITABLE = "not-invitable";
  /** The account has a password already: its owner logs in, or uses "forgot password". */
  static final String HAS_PASSWORD = "has-password";

  static LinkAnswer link(String email, String link, Instant expiresAt) {
    return new LinkAnswer(email, link, expiresAt.toString(), null);
  }

  static LinkAnswer error(String email, String error) {
    return new LinkAnswer(email, null, null, error);
  }
}

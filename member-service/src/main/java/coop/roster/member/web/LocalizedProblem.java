package coop.roster.member.web;

import org.springframework.http.HttpStatusCode;

/**
 * A problem whose {@code detail} is the message {@code problem.<key>} of member-service's FR/EN bundles, filled
 * with {@code arguments}; the web edge renders it in the caller's language.
 */
public class LocalizedProblem extends coop.roster.web.LocalizedProblem {

  public LocalizedProblem(HttpStatusCode status, String key, Object... arguments) {
    super(status, "problem." + key, arguments);
  }
}

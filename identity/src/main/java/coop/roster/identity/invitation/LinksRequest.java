package coop.roster.identity.invitation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Optional;

/**
 * A batch of invitation links to mint: for each e-mail, a link that lets that person set their
 * password, lands them at {@code redirectUri} (valid for {@code clientId}) logged in, and expires
 * after {@code lifetimeSeconds}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record LinksRequest(String clientId, String redirectUri, Long lifetimeSeconds, List<String> emails) {

  /** What makes the request unusable as a whole, before any link is minted; empty when it is usable. */
  Optional<Problem> problem(InvitationLimits limits) {
    if (clientId == null || clientId.isBlank()) {
      return Optional.of(Problem.MISSING_CLIENT_ID);
    }
    if (redirectUri == null || redirectUri.isBlank()) {
      return Optional.of(Problem.MISSING_REDIRECT_URI);
    }
    if (lifetimeSeconds == null || lifetimeSeconds < limits.minLifetimeSeconds()
        || lifetimeSeconds > limits.maxLifetimeSeconds()) {
      return Optional.of(Problem.LIFETIME_OUT_OF_RANGE);
    }
    if (emails == null || emails.isEmpty()) {
      return Optional.of(Problem.NO_EMAILS);
    }
    if (emails.size() > limits.maxEmails()) {
      return Optional.of(Problem.TOO_MANY_EMAILS);
    }
    return Optional.empty();
  }
}

package coop.roster.identity.invitation;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * What an invitation link carries, signed by the realm: the member, the client the member is
 * invited to and where they land once their password is set. Keycloak reads it back from the
 * link's {@code key} parameter.
 */
public final class InvitationActionToken extends DefaultActionToken {

  static final String TOKEN_TYPE = "roster-invitation";

  @JsonProperty("reduri")
  private String redirectUri;

  InvitationActionToken(String userId, String email, int expiresAtEpochSecond, String clientId, String redirectUri) {
    super(userId, TOKEN_TYPE, expiresAtEpochSecond, null);
    setEmail(email);
    this.issuedFor = clientId;
    this.redirectUri = redirectUri;
  }

  /** For Keycloak's JSON reader. */
  private InvitationActionToken() {
  }

  public String getRedirectUri() {
    return redirectUri;
  }
}

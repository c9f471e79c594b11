package coop.roster.invitation.keycloak;

/** Keycloak could not answer now (unreachable, 5xx, refused the service's credentials): trying later may help. */
public class KeycloakUnavailableException extends RuntimeException {

  public KeycloakUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

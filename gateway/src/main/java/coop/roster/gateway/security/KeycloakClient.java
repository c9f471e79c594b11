package coop.roster.gateway.security;

import coop.roster.gateway.GatewaySettings;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import java.util.Map;

/**
 * The gateway as an OIDC client of realm {@code roster}. Its endpoints are written out from
 * {@code KEYCLOAK_URL} rather than discovered, so the gateway starts (and shows its "try again" page)
 * while Keycloak is still starting; they are Keycloak's documented, stable paths.
 */
final class KeycloakClient {

  /** The registration id: in {@code /oauth2/authorization/keycloak} and the callback path. */
  static final String REGISTRATION_ID = "keycloak";

  private KeycloakClient() {
  }

  static ClientRegistration registration(GatewaySettings.Keycloak keycloak) {
    String issuer = keycloak.issuer();
    String oidc = issuer + "/protocol/openid-connect";
    return ClientRegistration.withRegistrationId(REGISTRATION_ID)
        .clientName("Keycloak")
        .clientId(keycloak.clientId())
        .clientSecret(keycloak.clientSecret())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        // PKCE (S256) on top of the client secret, as the realm requires of this client.
        .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
        .scope("openid", "profile", "email")
        .authorizationUri(oidc + "/auth")
        .tokenUri(oidc + "/token")
        .jwkSetUri(oidc + "/certs")
        .issuerUri(issuer)
        .userNameAttributeName("sub")
        // What discovery would have said and RP-initiated logout reads.
        .providerConfigurationMetadata(Map.of("issuer", issuer, "end_session_endpoint", oidc + "/logout"))
        .build();
  }
}

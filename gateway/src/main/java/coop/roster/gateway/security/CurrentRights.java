package coop.roster.gateway.security;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Whether the person logged in still coordinates a group, from member-service's record of the group (its
 * coordinators' e-mails) rather than from the claims of an access token that may be minutes old: a coordinator
 * removed is refused at their next page. The platform administrator manages every group.
 */
@Component
public class CurrentRights {

  static final String PLATFORM_ADMIN = "platform-admin";

  private final OAuth2AuthorizedClientRepository authorizedClients;

  CurrentRights(OAuth2AuthorizedClientRepository authorizedClients) {
    this.authorizedClients = authorizedClients;
  }

  public boolean coordinates(List<String> coordinatorEmails, HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication != null && authentication.getPrincipal() instanceof OidcUser user)) {
      return false;
    }
    String email = user.getEmail();
    return email != null && coordinatorEmails != null
        && coordinatorEmails.stream().anyMatch(email::equalsIgnoreCase)
        || platformAdmin(authentication, request);
  }

  /** The realm role, from the access token Keycloak handed to this gateway (kept in the session). */
  private boolean platformAdmin(Authentication authentication, HttpServletRequest request) {
    OAuth2AuthorizedClient client =
        authorizedClients.loadAuthorizedClient(KeycloakClient.REGISTRATION_ID, authentication, request);
    if (client == null) {
      return false;
    }
    try {
      return JWTParser.parse(client.getAccessToken().getTokenValue()).getJWTClaimsSet()
          .getClaim("realm_access") instanceof Map<?, ?> access
          && access.get("roles") instanceof List<?> roles && roles.contains(PLATFORM_ADMIN);
    } catch (ParseException e) {
      return false;
    }
  }
}

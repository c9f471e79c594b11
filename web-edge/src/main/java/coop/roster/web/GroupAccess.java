package coop.roster.web;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Optional;

/**
 * Who may read or change a group: its coordinators and the platform administrator, from the token alone. The
 * bean {@code groupAccess} serves {@code @PreAuthorize("@groupAccess.allows(authentication, #groupId)")};
 * {@link #groupInPath(String)} serves URL rules ({@link ApiRules}).
 */
public class GroupAccess {

  public boolean allows(Authentication authentication, String groupId) {
    return caller(authentication).map(caller -> caller.coordinates(groupId)).orElse(false);
  }

  public boolean isPlatformAdmin(Authentication authentication) {
    return caller(authentication).map(Caller::platformAdmin).orElse(false);
  }

  /** A URL rule letting through who coordinates the group named by the path variable {@code variable}. */
  public AuthorizationManager<RequestAuthorizationContext> groupInPath(String variable) {
    return (authentication, context) ->
        new AuthorizationDecision(allows(authentication.get(), context.getVariables().get(variable)));
  }

  /** The caller of the current request. */
  public static Caller caller() {
    return caller(SecurityContextHolder.getContext().getAuthentication())
        .orElseThrow(() -> new IllegalStateException("no authenticated caller"));
  }

  private static Optional<Caller> caller(Authentication authentication) {
    return authentication instanceof JwtAuthenticationToken jwt ? Optional.of(Caller.of(jwt.getToken()))
        : Optional.empty();
  }
}

package coop.roster.imports.web;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lets through the coordinators of the group in the path ({@code roster_groups} claim) and platform
 * administrators ({@code platform-admin} realm role), from the token alone.
 */
final class GroupCoordinators implements AuthorizationManager<RequestAuthorizationContext> {

  static final String GROUPS_CLAIM = "roster_groups";
  static final String PLATFORM_ADMIN = "platform-admin";

  @Override
  public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
      RequestAuthorizationContext context) {
    String groupId = context.getVariables().get("groupId");
    return new AuthorizationDecision(authentication.get() instanceof JwtAuthenticationToken token
        && groupId != null && (coordinates(token, groupId) || isPlatformAdmin(token)));
  }

  private static boolean coordinates(JwtAuthenticationToken token, String groupId) {
    List<String> groups = token.getToken().getClaimAsStringList(GROUPS_CLAIM);
    return groups != null && groups.contains(groupId);
  }

  private static boolean isPlatformAdmin(JwtAuthenticationToken token) {
    Map<String, Object> realmAccess = token.getToken().getClaimAsMap("realm_access");
    return realmAccess != null && realmAccess.get("roles") instanceof Collection<?> roles
        && roles.contains(PLATFORM_ADMIN);
  }
}

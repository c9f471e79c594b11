package coop.roster.member.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who may read or change a group: its coordinators and the platform administrator. Used in
 * {@code @PreAuthorize("@groupAccess.allows(authentication, #groupId)")}.
 */
@Component("groupAccess")
public class GroupAccess {

  static final String GROUPS_CLAIM = "roster_groups";

  public boolean allows(Authentication authentication, String groupId) {
    return authentication instanceof JwtAuthenticationToken jwt && Caller.of(jwt.getToken()).coordinates(groupId);
  }

  public boolean isPlatformAdmin(Authentication authentication) {
    return authentication instanceof JwtAuthenticationToken jwt && Caller.of(jwt.getToken()).platformAdmin();
  }

  /** The caller of the current request. */
  public static Caller caller() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken jwt) {
      return Caller.of(jwt.getToken());
    }
    throw new IllegalStateException("no authenticated caller");
  }
}

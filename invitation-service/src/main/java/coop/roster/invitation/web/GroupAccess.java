package coop.roster.invitation.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who may see a group's invitations: its coordinators and the platform administrator. Used in
 * {@code @PreAuthorize("@groupAccess.allows(authentication, #groupId)")}.
 */
@Component("groupAccess")
public class GroupAccess {

  public boolean allows(Authentication authentication, String groupId) {
    return authentication instanceof JwtAuthenticationToken jwt && Caller.of(jwt.getToken()).coordinates(groupId);
  }

  /** The caller of the current request. */
  public static Caller caller() {
    if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt) {
      return Caller.of(jwt.getToken());
    }
    throw new IllegalStateException("no authenticated caller");
  }
}

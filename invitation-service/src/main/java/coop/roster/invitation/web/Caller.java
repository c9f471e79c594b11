package coop.roster.invitation.web;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The person behind a request, as their access token tells.
 *
 * @param coordinatedGroups ids of the groups they coordinate ({@code roster_groups})
 */
public record Caller(String email, String name, List<String> coordinatedGroups, boolean platformAdmin) {

  static final String GROUPS_CLAIM = "roster_groups";
  static final String PLATFORM_ADMIN = "platform-admin";

  static Caller of(Jwt token) {
    List<String> groups = token.hasClaim(GROUPS_CLAIM) ? token.getClaimAsStringList(GROUPS_CLAIM) : List.of();
    boolean admin = token.getClaims().get("realm_access") instanceof Map<?, ?> access
        && access.get("roles") instanceof List<?> roles && roles.contains(PLATFORM_ADMIN);
    String name = Stream.of(token.getClaimAsString("given_name"), token.getClaimAsString("family_name"))
        .filter(part -> part != null && !part.isBlank())
        .collect(Collectors.joining(" "));
    return new Caller(token.getClaimAsString("email"), name.isEmpty() ? token.getClaimAsString("email") : name,
        groups == null ? List.of() : List.copyOf(groups), admin);
  }

  public boolean coordinates(String groupId) {
    return platformAdmin || coordinatedGroups.contains(groupId);
  }
}

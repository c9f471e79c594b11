package coop.roster.web;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The person behind a request, as their access token tells.
 *
 * @param coordinatedGroups ids of the groups they coordinate ({@code roster_groups})
 * @param platformAdmin whether they hold the {@code platform-admin} realm role, which manages every group
 */
public record Caller(String email, String name, List<String> coordinatedGroups, boolean platformAdmin) {

  /** The claim that lists the groups the token's holder coordinates. */
  public static final String GROUPS_CLAIM = "roster_groups";
  /** The realm role that manages groups. */
  public static final String PLATFORM_ADMIN = "platform-admin";

  public Caller {
    coordinatedGroups = coordinatedGroups == null ? List.of() : List.copyOf(coordinatedGroups);
  }

  /** The caller a verified access token describes; their name is their e-mail when the token has none. */
  public static Caller of(Jwt token) {
    List<String> groups = token.hasClaim(GROUPS_CLAIM) ? token.getClaimAsStringList(GROUPS_CLAIM) : List.of();
    boolean admin = token.getClaims().get("realm_access") instanceof Map<?, ?> access
        && access.get("roles") instanceof List<?> roles && roles.contains(PLATFORM_ADMIN);
    String name = Stream.of(token.getClaimAsString("given_name"), token.getClaimAsString("family_name"))
        .filter(part -> part != null && !part.isBlank())
        .collect(Collectors.joining(" "));
    String email = token.getClaimAsString("email");
    return new Caller(email, name.isEmpty() ? email : name, groups, admin);
  }

  /** Whether they may read and change the group: its coordinators and the platform administrator. */
  public boolean coordinates(String groupId) {
    return platformAdmin || (groupId != null && coordinatedGroups.contains(groupId));
  }
}

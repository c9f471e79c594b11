package coop.roster.member.web;

import java.util.List;

/**
 * The caller as member-service's features name it: the shared {@link coop.roster.web.Caller}, under the name
 * the features import.
 *
 * @param coordinatedGroups ids of the groups they coordinate ({@code roster_groups})
 */
public record Caller(String email, String name, List<String> coordinatedGroups, boolean platformAdmin) {

  public static final String PLATFORM_ADMIN = coop.roster.web.Caller.PLATFORM_ADMIN;

  static Caller of(coop.roster.web.Caller caller) {
    return new Caller(caller.email(), caller.name(), caller.coordinatedGroups(), caller.platformAdmin());
  }

  public boolean coordinates(String groupId) {
    return platformAdmin || coordinatedGroups.contains(groupId);
  }
}

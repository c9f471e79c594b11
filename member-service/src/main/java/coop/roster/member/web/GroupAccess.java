package coop.roster.member.web;

/**
 * The caller of the current request, for member-service's features. Group rules are the web edge's bean
 * {@code groupAccess} ({@link coop.roster.web.GroupAccess}):
 * {@code @PreAuthorize("@groupAccess.allows(authentication, #groupId)")}.
 */
public final class GroupAccess {

  private GroupAccess() {
  }

  /** The caller of the current request. */
  public static Caller caller() {
    return Caller.of(coop.roster.web.GroupAccess.caller());
  }
}

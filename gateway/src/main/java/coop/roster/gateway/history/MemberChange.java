package coop.roster.gateway.history;

import java.time.Instant;

/**
 * A member added, edited or removed by hand, as member-service lists it.
 *
 * @param kind       {@code ADDED}, {@code EDITED} or {@code REMOVED}
 * @param memberName {@code null} once the member is removed
 */
record MemberChange(String id, Instant at, String kind, String memberId, String memberName, String by,
    String byName) {

  public boolean removed() {
    return memberName == null;
  }
}

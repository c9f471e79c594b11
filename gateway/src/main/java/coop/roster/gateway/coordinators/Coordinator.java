package coop.roster.gateway.coordinators;

import coop.roster.gateway.roster.Member;

/**
 * A coordinator as the page lists them: their e-mail, and the member of the group with that e-mail when there
 * is one (their name, and what "Retirer" needs).
 */
public record Coordinator(String email, Member member) {

  public String name() {
    return member == null ? email : member.person().fullName();
  }

  public boolean removable() {
    return member != null;
  }
}

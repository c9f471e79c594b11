package coop.roster.member.roster;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Members in their order, each household's second member moved up to follow the first (an export keeps households
 * together). Remembers only the ids of second members moved up, so a large group streams as before.
 */
final class Households {

  private Households() {
  }

  /** A member and the member they share a household with, or {@code null}. */
  record Listed(Member member, Member partnerMember) {
  }

  static Iterator<Listed> together(Iterator<Member> ordered, Function<String, Optional<Member>> byId) {
    return together(ordered, byId, id -> true);
  }

  /**
   * As {@link #together(Iterator, Function)}, moving up only the partners {@code listed} says are among
   * {@code ordered}; another partner is still named beside the member, never listed.
   */
  static Iterator<Listed> together(Iterator<Member> ordered, Function<String, Optional<Member>> byId,
      Predicate<String> listed) {
    return new Iterator<>() {
      private final Set<String> movedUp = new HashSet<>();
      private Member next;
      private Listed partnerNext;

      @Override
      public boolean hasNext() {
        while (next == null && partnerNext == null && ordered.hasNext()) {
          Member candidate = ordered.next();
          if (!movedUp.remove(candidate.id())) {
            next = candidate;
          }
        }
        return next != null || partnerNext != null;
      }

      @Override
      public Listed next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        if (next == null) {
          Listed partner = partnerNext;
          partnerNext = null;
          return partner;
        }
        Member member = next;
        next = null;
        Member partner = member.partnerId() == null ? null : byId.apply(member.partnerId())
            .filter(candidate -> member.id().equals(candidate.partnerId())).orElse(null);
        if (partner != null && listed.test(partner.id())) {
          movedUp.add(partner.id());
          partnerNext = new Listed(partner, member);
        }
        return new Listed(member, partner);
      }
    };
  }
}

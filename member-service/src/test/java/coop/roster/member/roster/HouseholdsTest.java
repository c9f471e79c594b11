package coop.roster.member.roster;

import coop.roster.events.Person;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HouseholdsTest {

  @Test
  void aPartnerFurtherDownTheAlphabetFollowsTheFirstOfTheHouseholdAndEachNamesTheOther() {
    Member adam = member("a", "Adam", null);
    Member durand = member("d", "Durand", "z");
    Member martin = member("m", "Martin", null);
    Member zola = member("z", "Zola", "d");

    assertThat(names(List.of(adam, durand, martin, zola))).containsExactly("Adam", "Durand+Zola", "Zola+Durand", "Martin");
  }

  @Test
  void aPartnerNoLongerLinkedBackStaysInItsPlace() {
    Member durand = member("d", "Durand", "z");
    Member martin = member("m", "Martin", null);
    Member zola = member("z", "Zola", null);

    assertThat(names(List.of(durand, martin, zola))).containsExactly("Durand", "Martin", "Zola");
  }

  @Test
  void theMembersOfTwoHouseholdsAreEachWrittenOnce() {
    Member a = member("a", "A", "c");
    Member b = member("b", "B", "d");
    Member c = member("c", "C", "a");
    Member d = member("d", "D", "b");

    assertThat(names(List.of(a, b, c, d))).containsExactly("A+C", "C+A", "B+D", "D+B");
  }

  private static List<String> names(List<Member> ordered) {
    Map<String, Member> byId = ordered.stream().collect(Collectors.toMap(Member::id, Function.identity()));
    List<String> names = new ArrayList<>();
    Households.together(ordered.iterator(), id -> Optional.ofNullable(byId.get(id)))
        .forEachRemaining(listed -> names.add(listed.member().person().lastName()
            + (listed.partnerMember() == null ? "" : "+" + listed.partnerMember().person().lastName())));
    return names;
  }

  private static Member member(String id, String lastName, String partnerId) {
    return Member.create(id, "g", new Person("X", lastName, id + "@example.org", null), null, null,
        Member.Source.manual(), Instant.EPOCH).withPartnerId(partnerId);
  }
}

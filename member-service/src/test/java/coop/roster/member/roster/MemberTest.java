package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.Person;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MemberTest {

  @Test
  void cleansDetailsAndDerivesItsKeys() {
    Member member = Member.create("m1", "amap", new Person(" Élise ", "Dupré", " Elise@Amap.example ", " "),
        new Person("", " ", null, null), new Address(" ", null, null, null), Member.Source.manual(), Instant.EPOCH);

    assertThat(member.person()).isEqualTo(new Person("Élise", "Dupré", "elise@amap.example", null));
    assertThat(member.partner()).isNull();
    assertThat(member.address()).isNull();
    assertThat(member.groupEmail()).isEqualTo("amap:elise@amap.example");
    assertThat(member.displayName()).isEqualTo("Élise Dupré");
    assertThat(member.hasDetails(new Person("Élise", "Dupré", "ELISE@amap.example", ""), null, null)).isTrue();
  }

  @Test
  void remembersWhichImportRowCreatedIt() {
    Member member = Member.create("m1", "amap", new Person("A", "B", "a@b.example", null), null, null,
        Member.Source.importRow("imp-1", 12), Instant.EPOCH);

    assertThat(member.cameFrom("imp-1", 12)).isTrue();
    assertThat(member.cameFrom("imp-1", 13)).isFalse();
    assertThat(member.cameFrom("imp-2", 12)).isFalse();
  }

  @Test
  void speaksItsOwnLanguageElseTheGroups() {
    Member member = Member.create("m1", "amap", new Person("A", "B", "a@b.example", null), null, null,
        Member.Source.manual(), Instant.EPOCH);

    assertThat(member.withLanguage(null).languageOr("fr")).isEqualTo("fr");
    assertThat(member.withLanguage("de").language()).isNull();
    assertThat(member.withLanguage("en").languageOr("fr")).isEqualTo("en");
  }

  @Test
  void newIdsAreUuidsInTheOrderTheyWereMade() {
    List<String> ids = Stream.generate(Member::newId).limit(10_000).toList();

    assertThat(ids).doesNotHaveDuplicates().isSorted();
    assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
  }
}

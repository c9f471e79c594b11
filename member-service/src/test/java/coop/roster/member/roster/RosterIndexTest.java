package coop.roster.member.roster;

import coop.roster.events.Address;
import coop.roster.events.Person;
import coop.roster.member.roster.RosterIndex.Entry;
import coop.roster.member.roster.RosterIndex.Snapshot;
import coop.roster.member.roster.RosterIndex.SortOrder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RosterIndexTest {

  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  final Snapshot snapshot = snapshot(
      entry("a", "Adam", "Zoé", 0, NOW.minus(Duration.ofDays(90))),
      entry("b", "Dupré", "Élise", Selection.Status.INVITED, NOW),
      entry("c", "Durand", "Anne", Selection.Status.INVITED | Selection.Status.INVITATION_FAILED, NOW),
      entry("d", "Martin", "Jeanne", Selection.Status.LOGGED_IN | Selection.Status.PASSWORD_SET,
          NOW.minus(Duration.ofDays(29))),
      entry("e", "Petit", "Léa", Selection.Status.PASSWORD_SET | Selection.Status.INVITED,
          NOW.minus(Duration.ofDays(31))));

  @Test
  void countsEverySelectionAsItsPagesList() {
    assertThat(snapshot.counts(NOW)).containsEntry(Selection.ALL, 5L)
        .containsEntry(Selection.NEVER_LOGGED_IN, 4L)
        .containsEntry(Selection.INVITED_NOT_ACTIVATED, 2L)
        .containsEntry(Selection.NEVER_INVITED, 1L)
        .containsEntry(Selection.LOGGED_IN, 1L)
        .containsEntry(Selection.ADDED_LAST_30_DAYS, 3L)
        .containsEntry(Selection.INVITATION_FAILED, 1L);
    for (Selection selection : Selection.values()) {
      RosterIndex.Page all = snapshot.page(selection, null, SortOrder.DEFAULT, 0, 100, NOW);
      assertThat(all.ids()).as(selection.name()).hasSize((int) all.total());
      assertThat(all.total()).isEqualTo(snapshot.counts(NOW).get(selection));
    }
  }

  @Test
  void pagesInNameOrderAndCountsThemAll() {
    RosterIndex.Page second = snapshot.page(Selection.ALL, null, SortOrder.DEFAULT, 1, 2, NOW);

    assertThat(second.ids()).containsExactly("c", "d");
    assertThat(second.total()).isEqualTo(5);
    assertThat(snapshot.page(Selection.NEVER_LOGGED_IN, null, SortOrder.DEFAULT, 0, 2, NOW).total()).isEqualTo(4);
  }

  @Test
  void sortsByAnotherFieldAndSearches() {
    assertThat(snapshot.page(Selection.ALL, null, new SortOrder(SortOrder.Field.firstName, true), 0, 5, NOW).ids())
        .containsExactly("c", "b", "d", "e", "a");
    assertThat(snapshot.page(Selection.ALL, null, new SortOrder(SortOrder.Field.createdAt, false), 0, 2, NOW).ids())
        .containsExactly("b", "c");
    RosterIndex.Page found = snapshot.page(Selection.ALL, "DUPRE", SortOrder.DEFAULT, 0, 5, NOW);
    assertThat(found.ids()).containsExactly("b");
    assertThat(found.total()).isEqualTo(1);
  }

  @Test
  void catchesUpWithChangedAddedAndRemovedMembers() {
    Snapshot next = snapshot.with(Set.of("a", "d", "f"), List.of(
        entry("d", "Martin", "Jeanne", 0, NOW),
        entry("f", "Bernard", "Paul", Selection.Status.LOGGED_IN, NOW)), 8);

    assertThat(next.version).isEqualTo(8);
    assertThat(next.page(Selection.ALL, null, SortOrder.DEFAULT, 0, 10, NOW).ids())
        .containsExactly("f", "b", "c", "d", "e");
    assertThat(next.counts(NOW)).containsEntry(Selection.ALL, 5L).containsEntry(Selection.LOGGED_IN, 1L)
        .containsEntry(Selection.NEVER_INVITED, 1L).containsEntry(Selection.ADDED_LAST_30_DAYS, 4L);
  }

  @Test
  void aCaughtUpIndexListsAndCountsAsAnIndexReadWholeWould() {
    Random random = new Random(42);
    Map<String, Entry> roster = new HashMap<>();
    Snapshot held = snapshot();
    for (int version = 8; version < 60; version++) {
      Set<String> changed = new HashSet<>();
      List<Entry> entries = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String id = "m" + random.nextInt(200);
        changed.add(id);
        if (random.nextInt(4) == 0) {
          roster.remove(id);
          entries.removeIf(entry -> entry.id().equals(id));
        } else {
          // Several members made in the same millisecond, some of them 30 days ago to the millisecond.
          Entry entry = entry(id, "Nom" + random.nextInt(50), "Prénom", random.nextInt(Selection.Status.ALL + 1),
              NOW.minus(Duration.ofDays(28 + random.nextInt(5))).minus(Duration.ofMillis(random.nextInt(2))));
          roster.put(id, entry);
          entries.removeIf(other -> other.id().equals(id));
          entries.add(entry);
        }
      }
      held = held.with(changed, entries, version);

      Snapshot whole = snapshot(roster.values().toArray(Entry[]::new));
      assertThat(held.counts(NOW)).as("version %d", version).isEqualTo(whole.counts(NOW));
      for (Selection selection : Selection.values()) {
        assertThat(held.page(selection, null, SortOrder.DEFAULT, 0, 500, NOW))
            .as("version %d, %s", version, selection)
            .isEqualTo(whole.page(selection, null, SortOrder.DEFAULT, 0, 500, NOW));
      }
    }
  }

  @Test
  void aPageNamesItsMembersPartnersToBeReadWithThem() {
    Person anne = new Person("Anne", "Durand", "anne@exemple.fr", null);
    Entry coupled = new Entry("c", Folded.sortName(anne), anne.email(), "lyon", NOW.toEpochMilli(), 0,
        Folded.searchText(anne, null, null), 0, null, false, "z");
    Snapshot couples = snapshot(entry("a", "Adam", "Zoé", 0, NOW), coupled, entry("d", "Martin", "Jeanne", 0, NOW));

    RosterIndex.Page first = couples.page(Selection.ALL, null, SortOrder.DEFAULT, 0, 2, NOW);

    assertThat(first.ids()).containsExactly("a", "c");
    assertThat(first.partnerIds()).containsExactly("z");
    assertThat(first.toRead()).containsExactly("a", "c", "z");
  }

  @Test
  void knowsWhichMembersDidNotChangeSinceTheIndexItWasCaughtUpFrom() {
    Snapshot next = snapshot.with(Set.of("d"), List.of(entry("d", "Martin", "Jeanne", 0, NOW)), 8);
    Snapshot later = next.with(Set.of("e"), List.of(), 9);

    assertThat(next.unchangedSince(snapshot, List.of("a", "b"))).isTrue();
    assertThat(next.unchangedSince(snapshot, List.of("a", "d"))).isFalse();
    // Caught up from another index than the one asked about: it cannot tell.
    assertThat(later.unchangedSince(snapshot, List.of("a"))).isFalse();
    assertThat(snapshot(entry("a", "Adam", "Zoé", 0, NOW)).unchangedSince(snapshot, List.of("a"))).isFalse();
  }

  @Test
  void countsWhatAnInvitationOfASelectionWouldMeetAndTheAnswersToARequest() {
    int invited = Selection.Status.INVITED;
    int failed = Selection.Status.INVITED | Selection.Status.INVITATION_FAILED;
    Snapshot invitations = snapshot(
        entry("a", "Adam", "Zoé", 0, NOW),
        entry("b", "Blanc", "Élise", invited, NOW, NOW.minus(Duration.ofDays(2)), "r2", true),
        entry("c", "Colin", "Anne", invited, NOW, NOW.minus(Duration.ofDays(10)), "r1", true),
        entry("d", "Dubois", "Jean", failed, NOW, NOW.minus(Duration.ofDays(2)), "r2", false),
        entry("e", "Étienne", "Paul", invited, NOW, NOW.minus(Duration.ofDays(1)), "r2", false),
        entry("f", "Fabre", "Léa", invited | Selection.Status.LOGGED_IN, NOW, NOW.minus(Duration.ofDays(1)), "r2",
            true));

    assertThat(invitations.outlook(Selection.NEVER_LOGGED_IN, NOW, NOW.minus(Duration.ofDays(7)).toEpochMilli()))
        .isEqualTo(new RosterQueries.InvitationOutlook(5, 1, 2, 1));
    assertThat(invitations.answers("r2")).isEqualTo(new RosterQueries.RequestAnswers(2, 1));
    assertThat(invitations.answers("r3")).isEqualTo(new RosterQueries.RequestAnswers(0, 0));
  }

  private static Snapshot snapshot(Entry... entries) {
    Entry[] byName = entries.clone();
    Arrays.sort(byName, Comparator.comparing(Entry::sortName).thenComparing(Entry::id));
    return new Snapshot(7, byName);
  }

  private static Entry entry(String id, String lastName, String firstName, int status, Instant createdAt) {
    return entry(id, lastName, firstName, status, createdAt, null, null, false);
  }

  private static Entry entry(String id, String lastName, String firstName, int status, Instant createdAt,
      Instant requestedAt, String requestId, boolean sent) {
    Person person = new Person(firstName, lastName, id + "@exemple.fr", null);
    return new Entry(id, Folded.sortName(person), person.email(), "lyon", createdAt.toEpochMilli(), status,
        Folded.searchText(person, null, new Address(null, null, null, "Lyon")),
        requestedAt == null ? 0 : requestedAt.toEpochMilli(), requestId, sent, null);
  }
}

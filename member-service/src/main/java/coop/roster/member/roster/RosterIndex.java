package coop.roster.member.roster;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import coop.roster.member.group.Groups;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the member list reads: per group, a compact in-memory index of its members (sort keys, the
 * status the selections look at, the search words), built with one query and kept while the group's
 * {@code rosterVersion} says nothing changed. A page then costs one version read, a pass over the index
 * and one fetch of the page's members by id: what mongo-java-server serves without scanning, where
 * counting and sorting 100,000 members in the database takes it hundreds of milliseconds (README).
 * Every request checks the version, so a change is seen by the next request, on every instance.
 */
@Component
class RosterIndex {

  private final Members members;
  private final Groups groups;
  private final int maxGroups;
  private final Timer builds;
  private final Map<String, Snapshot> snapshots;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  RosterIndex(Members members, Groups groups, MeterRegistry meters,
      @Value("${roster.members.list-index.max-groups:16}") int maxGroups) {
    this.members = members;
    this.groups = groups;
    this.maxGroups = maxGroups;
    this.builds = Timer.builder("roster.list.index.build").description("Building a group's member list index")
        .register(meters);
    this.snapshots = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
        return size() > RosterIndex.this.maxGroups;
      }
    });
  }

  /**
   * The group's index as of {@code version} (the group's {@code rosterVersion}, just read): the one held
   * if it is that recent, else a new one.
   */
  Snapshot current(String groupId, long version) {
    Snapshot held = snapshots.get(groupId);
    if (held != null && held.version >= version) {
      return held;
    }
    synchronized (locks.computeIfAbsent(groupId, id -> new Object())) {
      held = snapshots.get(groupId);
      if (held != null && held.version >= version) {
        return held;
      }
      // The version is read before the members: whatever is read is at least that recent.
      long buildVersion = groups.rosterVersion(groupId);
      Snapshot built = builds.record(() -> build(groupId, buildVersion));
      snapshots.put(groupId, built);
      return built;
    }
  }

  private Snapshot build(String groupId, long version) {
    List<Entry> entries = new ArrayList<>();
    Map<String, String> cities = new HashMap<>();
    members.mongo().getCollection(Members.COLLECTION)
        .find(Filters.eq("groupId", groupId))
        .projection(Projections.include("sortName", "searchText", "person.email", "address.city", "createdAt",
            "account", "invitation.lastRequestedAt", "invitation.state"))
        .batchSize(5_000)
        .forEach(document -> entries.add(entry(document, cities)));
    Entry[] byName = entries.toArray(Entry[]::new);
    Arrays.sort(byName, Comparator.comparing(Entry::sortName).thenComparing(Entry::id));
    return new Snapshot(version, byName);
  }

  private static Entry entry(Document document, Map<String, String> cities) {
    Document person = document.get("person", Document.class);
    Document address = document.get("address", Document.class);
    Document account = document.get("account", Document.class);
    Document invitation = document.get("invitation", Document.class);
    int status = 0;
    if (account != null && account.get("lastLoginAt") != null) {
      status |= Selection.Status.LOGGED_IN;
    }
    if (account != null && account.get("passwordSetAt") != null) {
      status |= Selection.Status.PASSWORD_SET;
    }
    if (invitation != null && invitation.get("lastRequestedAt") != null) {
      status |= Selection.Status.INVITED;
    }
    if (invitation != null && Member.InvitationState.FAILED.name().equals(invitation.getString("state"))) {
      status |= Selection.Status.INVITATION_FAILED;
    }
    String city = address == null ? null : address.getString("city");
    Date created = document.getDate("createdAt");
    return new Entry(document.getString("_id"), document.getString("sortName"),
        person == null ? "" : person.getString("email"),
        city == null ? "" : cities.computeIfAbsent(Folded.of(city), folded -> folded),
        created == null ? 0 : created.getTime(), status, document.getString("searchText"));
  }

  /** One member as the list index knows them. */
  record Entry(String id, String sortName, String email, String city, long createdAt, int status,
      String searchText) {

    String firstName() {
      int separator = sortName.indexOf('\u0001');
      return separator < 0 ? "" : sortName.substring(separator + 1);
    }
  }

  /** A group's index at one version of its roster. */
  static final class Snapshot {

    final long version;
    private final Entry[] byName;
    private final Map<SortOrder, Entry[]> orders = new ConcurrentHashMap<>();

    Snapshot(long version, Entry[] byName) {
      this.version = version;
      this.byName = byName;
    }

    int size() {
      return byName.length;
    }

    /** How many members each selection holds. */
    Map<Selection, Long> counts(Instant now) {
      long[] counts = new long[Selection.values().length];
      for (Entry entry : byName) {
        for (Selection selection : Selection.values()) {
          if (selection.test(entry.status, entry.createdAt, now)) {
            counts[selection.ordinal()]++;
          }
        }
      }
      Map<Selection, Long> result = new EnumMap<>(Selection.class);
      for (Selection selection : Selection.values()) {
        result.put(selection, counts[selection.ordinal()]);
      }
      return result;
    }

    /** The ids on one page of a selection, searched and sorted, and how many match in all. */
    Page page(Selection selection, String query, SortOrder order, int page, int size, Instant now) {
      List<String> words = Folded.searchWords(query);
      Entry[] ordered = ordered(order);
      long first = (long) page * size;
      long matching = 0;
      List<String> ids = new ArrayList<>(size);
      for (Entry entry : ordered) {
        if (selection.test(entry.status, entry.createdAt, now)
            && (words.isEmpty() || Folded.matches(entry.searchText, words))) {
          if (matching >= first && ids.size() < size) {
            ids.add(entry.id);
          }
          matching++;
        }
      }
      return new Page(ids, matching);
    }

    private Entry[] ordered(SortOrder order) {
      if (order.equals(SortOrder.DEFAULT)) {
        return byName;
      }
      return orders.computeIfAbsent(order, o -> {
        Entry[] sorted = byName.clone();
        Arrays.sort(sorted, o.comparator());
        return sorted;
      });
    }
  }

  record Page(List<String> ids, long total) {
  }

  /** A sort of the list: a field and a direction; ties are broken by name then id. */
  record SortOrder(Field field, boolean ascending) {

    static final SortOrder DEFAULT = new SortOrder(Field.lastName, true);

    enum Field { lastName, firstName, email, city, createdAt }

    Comparator<Entry> comparator() {
      Comparator<Entry> key = switch (field) {
        case lastName -> Comparator.comparing(Entry::sortName);
        case firstName -> Comparator.comparing(Entry::firstName);
        case email -> Comparator.comparing(Entry::email, Comparator.nullsLast(Comparator.naturalOrder()));
        case city -> Comparator.comparing(Entry::city);
        case createdAt -> Comparator.comparingLong(Entry::createdAt);
      };
      if (!ascending) {
        key = key.reversed();
      }
      return key.thenComparing(Entry::sortName).thenComparing(Entry::id);
    }
  }
}

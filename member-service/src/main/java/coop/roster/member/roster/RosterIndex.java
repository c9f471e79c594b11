package coop.roster.member.roster;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the member list reads: per group, a compact in-memory index of its members (sort keys, the
 * status the selections look at, the search words), built with one query, then brought up to date from
 * the group's {@link RosterChanges} by reading only the members changed since. A page costs one version
 * read, a pass over the index and one fetch of the page's members by id: what mongo-java-server serves
 * without scanning, where counting and sorting 100,000 members in the database takes it seconds (README).
 * Every request checks the version, so a change is seen by the next request, on every instance.
 */
@Component
class RosterIndex {

  /** Further behind than this, reading the whole group again is cheaper than catching up. */
  static final int MAX_VERSIONS_BEHIND = 1_000;
  static final int MAX_MEMBERS_CHANGED = 5_000;
  /** How long a reader waits, request after request, for a version not recorded yet before it reads the group. */
  static final java.time.Duration GAP_WAIT = java.time.Duration.ofSeconds(10);
  private static final String[] FIELDS = {"sortName", "searchText", "person.email", "address.city", "createdAt",
      "account", "invitation.lastRequestedAt", "invitation.lastRequestId", "invitation.state", "partnerId"};
  private static final String[] FIELDS_AND_GROUP = java.util.stream.Stream.concat(Arrays.stream(FIELDS),
      java.util.stream.Stream.of("groupId")).toArray(String[]::new);

  private final Members members;
  private final RosterChanges changes;
  private final int maxGroups;
  private final Timer builds;
  private final Map<String, Snapshot> snapshots;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  RosterIndex(Members members, RosterChanges changes, MeterRegistry meters,
      @Value("${roster.members.list-index.max-groups:16}") int maxGroups) {
    this.members = members;
    this.changes = changes;
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

  /** The group's index as held now, however old, or {@code null}. */
  Snapshot held(String groupId) {
    return snapshots.get(groupId);
  }

  /** The version of the group's roster now. */
  long version(String groupId) {
    return changes.version(groupId);
  }

  /**
   * The group's index as of {@code version} (the group's roster version, just read): the one held
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
      Snapshot next = held != null && version - held.version <= MAX_VERSIONS_BEHIND
          ? caughtUp(held, groupId, version) : null;
      if (next == null) {
        // The version is read before the members: whatever is read is at least that recent.
        long buildVersion = changes.version(groupId);
        next = builds.record(() -> build(groupId, buildVersion));
      }
      snapshots.put(groupId, next);
      return next;
    }
  }

  /** The held index with the members changed since read again, or {@code null} to read the whole group. */
  private Snapshot caughtUp(Snapshot held, String groupId, long version) {
    // A version missing right after the held one is being written (for a moment), unless it stays missing: its
    // writer died, or it was forgotten.
    boolean gapAllowed = System.nanoTime() - held.reachedAt < GAP_WAIT.toNanos();
    RosterChanges.Since since = changes.since(groupId, held.version, version, gapAllowed)
        .filter(found -> found.memberIds().size() <= MAX_MEMBERS_CHANGED).orElse(null);
    if (since == null) {
      return null;
    }
    Set<String> changed = since.memberIds();
    List<Entry> entries = new ArrayList<>();
    Map<String, String> shared = new HashMap<>();
    List<String> ids = List.copyOf(changed);
    for (int from = 0; from < ids.size(); from += 1_000) {
      // By id alone, which mongo-java-server serves from its index (any other field makes it scan).
      members.mongo().getCollection(Members.COLLECTION)
          .find(Filters.in("_id", ids.subList(from, Math.min(from + 1_000, ids.size()))))
          .projection(Projections.include(FIELDS_AND_GROUP))
          .forEach(document -> {
            if (groupId.equals(document.getString("groupId"))) {
              entries.add(entry(document, shared));
            }
          });
    }
    return held.with(changed, entries, since.version());
  }

  private Snapshot build(String groupId, long version) {
    List<Entry> entries = new ArrayList<>();
    Map<String, String> shared = new HashMap<>();
    members.mongo().getCollection(Members.COLLECTION)
        .find(Filters.eq("groupId", groupId))
        .projection(Projections.include(FIELDS))
        .batchSize(5_000)
        .forEach(document -> entries.add(entry(document, shared)));
    Entry[] byName = entries.toArray(Entry[]::new);
    Arrays.sort(byName, BY_NAME);
    return new Snapshot(version, byName);
  }

  private static Entry entry(Document document, Map<String, String> shared) {
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
    Date requested = invitation == null ? null : invitation.getDate("lastRequestedAt");
    String requestId = invitation == null ? null : invitation.getString("lastRequestId");
    return new Entry(document.getString("_id"), document.getString("sortName"),
        person == null ? "" : person.getString("email"),
        city == null ? "" : shared.computeIfAbsent(Folded.of(city), folded -> folded),
        created == null ? 0 : created.getTime(), status, document.getString("searchText"),
        requested == null ? 0 : requested.getTime(),
        // Many members share a request: one string for them all.
        requestId == null ? null : shared.computeIfAbsent(requestId, id -> id),
        invitation != null && Member.InvitationState.SENT.name().equals(invitation.getString("state")),
        document.getString("partnerId"));
  }

  private static final Comparator<Entry> BY_NAME = Comparator.comparing(Entry::sortName)
      .thenComparing(Entry::id);

  /**
   * One member as the list index knows them; of their last invitation, when it was requested (epoch ms, 0 if never),
   * by which request, and whether it was sent (its failure is a {@link Selection.Status} bit); the member they share
   * a household with, if any.
   */
  record Entry(String id, String sortName, String email, String city, long createdAt, int status,
      String searchText, long lastRequestedAt, String lastRequestId, boolean sent, String partnerId) {

    String firstName() {
      int separator = sortName.indexOf('\u0001');
      return separator < 0 ? "" : sortName.substring(separator + 1);
    }
  }

  /**
   * A group's index at one version of its roster: entries in name order, and beside them, in arrays, what
   * every request reads (status, creation time), so that counting and filtering are passes over primitives.
   */
  static final class Snapshot {

    final long version;
    /** When the index reached {@link #version} ({@link System#nanoTime()}). */
    final long reachedAt;
    /** The version this index was caught up from (-1: read whole), and the members changed since it. */
    private final long caughtUpFrom;
    private final Set<String> changedSince;
    private final Entry[] byName;
    private final int[] status;
    private final long[] createdAt;
    /** The entries' ids' hash codes: which entries a catch-up replaces is found in this array, not in the entries. */
    private final int[] idHash;
    /** Creation times, ascending: "added in the last 30 days" is counted by a binary search. */
    private final long[] createdAtSorted;
    /** How many members have each status (a few bits); each selection's count is a sum of some of them. */
    private final long[] perStatus;
    private final long[] counts = new long[Selection.values().length];
    private final Map<SortOrder, int[]> orders = new ConcurrentHashMap<>();

    Snapshot(long version, Entry[] byName) {
      this.version = version;
      this.reachedAt = System.nanoTime();
      this.caughtUpFrom = -1;
      this.changedSince = Set.of();
      this.byName = byName;
      this.status = new int[byName.length];
      this.createdAt = new long[byName.length];
      this.idHash = new int[byName.length];
      this.perStatus = new long[Selection.Status.ALL + 1];
      for (int i = 0; i < byName.length; i++) {
        status[i] = byName[i].status;
        createdAt[i] = byName[i].createdAt;
        idHash[i] = byName[i].id.hashCode();
        perStatus[status[i]]++;
      }
      this.createdAtSorted = ascending(createdAt.clone());
      countSelections();
    }

    /** A caught-up index, from arrays already computed ({@link #with}). */
    private Snapshot(long version, Entry[] byName, int[] status, long[] createdAt, int[] idHash, long[] perStatus,
        long[] createdAtSorted, long reachedAt, long caughtUpFrom, Set<String> changedSince) {
      this.version = version;
      this.reachedAt = reachedAt;
      this.caughtUpFrom = caughtUpFrom;
      this.changedSince = changedSince;
      this.byName = byName;
      this.status = status;
      this.createdAt = createdAt;
      this.idHash = idHash;
      this.perStatus = perStatus;
      this.createdAtSorted = createdAtSorted;
      countSelections();
    }

    private void countSelections() {
      for (Selection selection : Selection.values()) {
        for (int value = 0; value < perStatus.length; value++) {
          if (selection != Selection.ADDED_LAST_30_DAYS && selection.test(value, 0, 0)) {
            counts[selection.ordinal()] += perStatus[value];
          }
        }
      }
    }

    private static long[] ascending(long[] values) {
      Arrays.sort(values);
      return values;
    }

    int size() {
      return byName.length;
    }

    /**
     * A new index at {@code version}: these members replaced by their entries now (absent: removed). During an import
     * every list request catches up with a few hundred changed members among 100,000 or more, so the work is done on
     * the primitive arrays: the replaced entries are found by their ids' hashes, the new ones placed by binary search,
     * the runs between them copied whole, the counts and creation times adjusted rather than computed again. Reading
     * each entry (a hash lookup of its id per member, then the constructor's pass) was 17 % of member-service's CPU.
     */
    Snapshot with(Set<String> changed, List<Entry> entries, long version) {
      Entry[] fresh = entries.toArray(Entry[]::new);
      Arrays.sort(fresh, BY_NAME);
      int[] replaced = replacedAmong(changed);
      int[] insertAt = new int[fresh.length];
      for (int i = 0; i < fresh.length; i++) {
        int found = Arrays.binarySearch(byName, fresh[i], BY_NAME);
        insertAt[i] = found >= 0 ? found : -found - 1;
      }
      int size = byName.length - replaced.length + fresh.length;
      Entry[] nextByName = new Entry[size];
      int[] nextStatus = new int[size];
      long[] nextCreatedAt = new long[size];
      int[] nextIdHash = new int[size];
      long[] nextPerStatus = perStatus.clone();
      long[] replacedCreatedAt = new long[replaced.length];
      long[] freshCreatedAt = new long[fresh.length];
      int out = 0;
      int from = 0;
      int nextFresh = 0;
      int nextReplaced = 0;
      while (from < byName.length || nextFresh < fresh.length) {
        int until = Math.min(nextFresh < fresh.length ? insertAt[nextFresh] : byName.length,
            nextReplaced < replaced.length ? replaced[nextReplaced] : byName.length);
        int run = until - from;
        System.arraycopy(byName, from, nextByName, out, run);
        System.arraycopy(status, from, nextStatus, out, run);
        System.arraycopy(createdAt, from, nextCreatedAt, out, run);
        System.arraycopy(idHash, from, nextIdHash, out, run);
        out += run;
        from = until;
        if (nextFresh < fresh.length && insertAt[nextFresh] == from) {
          Entry entry = fresh[nextFresh];
          nextByName[out] = entry;
          nextStatus[out] = entry.status;
          nextCreatedAt[out] = entry.createdAt;
          nextIdHash[out] = entry.id.hashCode();
          nextPerStatus[entry.status]++;
          freshCreatedAt[nextFresh++] = entry.createdAt;
          out++;
        } else if (nextReplaced < replaced.length && replaced[nextReplaced] == from) {
          nextPerStatus[status[from]]--;
          replacedCreatedAt[nextReplaced++] = createdAt[from];
          from++;
        }
      }
      return new Snapshot(version, nextByName, nextStatus, nextCreatedAt, nextIdHash, nextPerStatus,
          replacing(createdAtSorted, replacedCreatedAt, freshCreatedAt),
          version == this.version ? reachedAt : System.nanoTime(), this.version, Set.copyOf(changed));
    }

    /** The positions, ascending, of the entries whose members are among {@code ids}. */
    private int[] replacedAmong(Set<String> ids) {
      // 2^16 bits of the ids' hashes: most entries are passed over on their hash alone.
      long[] hashes = new long[1 << 10];
      for (String id : ids) {
        int bit = id.hashCode() & 0xFFFF;
        hashes[bit >>> 6] |= 1L << bit;
      }
      int[] positions = new int[Math.min(ids.size(), byName.length)];
      int found = 0;
      for (int i = 0; i < idHash.length && found < positions.length; i++) {
        int bit = idHash[i] & 0xFFFF;
        if ((hashes[bit >>> 6] & 1L << bit) != 0 && ids.contains(byName[i].id)) {
          positions[found++] = i;
        }
      }
      return Arrays.copyOf(positions, found);
    }

    /**
     * {@code sorted} (ascending) without one occurrence of each of {@code removed} (all of them in it), with
     * {@code added}; ascending.
     */
    static long[] replacing(long[] sorted, long[] removed, long[] added) {
      ascending(removed);
      ascending(added);
      long[] result = new long[sorted.length - removed.length + added.length];
      int size = 0;
      int nextRemoved = 0;
      int nextAdded = 0;
      for (long value : sorted) {
        if (nextRemoved < removed.length && removed[nextRemoved] == value) {
          nextRemoved++;
          continue;
        }
        while (nextAdded < added.length && added[nextAdded] < value) {
          result[size++] = added[nextAdded++];
        }
        result[size++] = value;
      }
      while (nextAdded < added.length) {
        result[size++] = added[nextAdded++];
      }
      return result;
    }

    /**
     * Whether none of these members changed between {@code earlier} and this index, as far as this index knows: it was
     * caught up from {@code earlier} itself, and they are not among the members read again.
     */
    boolean unchangedSince(Snapshot earlier, List<String> ids) {
      return caughtUpFrom == earlier.version && ids.stream().noneMatch(changedSince::contains);
    }

    /** How many members each selection holds. */
    Map<Selection, Long> counts(Instant now) {
      Map<Selection, Long> result = new EnumMap<>(Selection.class);
      for (Selection selection : Selection.values()) {
        result.put(selection, count(selection, now));
      }
      return result;
    }

    private long count(Selection selection, Instant now) {
      if (selection != Selection.ADDED_LAST_30_DAYS) {
        return counts[selection.ordinal()];
      }
      int from = Arrays.binarySearch(createdAtSorted, Selection.recentSince(now));
      if (from < 0) {
        from = -from - 1;
      }
      while (from > 0 && createdAtSorted[from - 1] == createdAtSorted[from]) {
        from--;
      }
      return createdAtSorted.length - from;
    }

    /**
     * The ids on one page of a selection, searched and sorted, with those of their partners (to be read with them),
     * and how many match in all.
     */
    Page page(Selection selection, String query, SortOrder order, int page, int size, Instant now) {
      List<String> words = Folded.searchWords(query);
      long recentSince = Selection.recentSince(now);
      long first = (long) page * size;
      long matching = 0;
      List<String> ids = new ArrayList<>(size);
      List<String> partners = new ArrayList<>();
      int[] positions = order.equals(SortOrder.DEFAULT) ? null : ordered(order);
      for (int i = 0; i < byName.length; i++) {
        int at = positions == null ? i : positions[i];
        if (selection.test(status[at], createdAt[at], recentSince)
            && (words.isEmpty() || Folded.matches(byName[at].searchText, words))) {
          if (matching >= first && ids.size() < size) {
            ids.add(byName[at].id);
            if (byName[at].partnerId != null) {
              partners.add(byName[at].partnerId);
            }
          } else if (words.isEmpty() && ids.size() == size) {
            // Without a search, the selection's count is the total: no need to read further.
            return new Page(ids, partners, count(selection, now));
          }
          matching++;
        }
      }
      return new Page(ids, partners, matching);
    }

    /**
     * What inviting a selection would meet: its members, those never invited, those invited at {@code invitedSince}
     * (epoch ms) or later whose invitation did not fail, and those whose last invitation failed.
     */
    RosterQueries.InvitationOutlook outlook(Selection selection, Instant now, long invitedSince) {
      long recentSince = Selection.recentSince(now);
      long total = 0;
      long neverInvited = 0;
      long invitedLately = 0;
      long failed = 0;
      for (int i = 0; i < byName.length; i++) {
        if (!selection.test(status[i], createdAt[i], recentSince)) {
          continue;
        }
        total++;
        if ((status[i] & Selection.Status.INVITED) == 0) {
          neverInvited++;
        } else if ((status[i] & Selection.Status.INVITATION_FAILED) != 0) {
          failed++;
        } else if (byName[i].lastRequestedAt >= invitedSince) {
          invitedLately++;
        }
      }
      return new RosterQueries.InvitationOutlook(total, neverInvited, invitedLately, failed);
    }

    /** The members whose last invitation is one of these requests' and neither sent nor failed. */
    List<String> awaitingAnswer(Set<String> requestIds) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < byName.length; i++) {
        if (byName[i].lastRequestId != null && requestIds.contains(byName[i].lastRequestId) && !byName[i].sent
            && (status[i] & Selection.Status.INVITATION_FAILED) == 0) {
          ids.add(byName[i].id);
        }
      }
      return ids;
    }

    /** Of the members whose last invitation is this request's: how many were sent, how many failed. */
    RosterQueries.RequestAnswers answers(String requestId) {
      long sent = 0;
      long failed = 0;
      for (int i = 0; i < byName.length; i++) {
        if (requestId.equals(byName[i].lastRequestId)) {
          if (byName[i].sent) {
            sent++;
          } else if ((status[i] & Selection.Status.INVITATION_FAILED) != 0) {
            failed++;
          }
        }
      }
      return new RosterQueries.RequestAnswers(sent, failed);
    }

    /** The ids of every member of a selection, searched and sorted: what an export writes. */
    List<String> every(Selection selection, String query, SortOrder order, Instant now) {
      return page(selection, query, order, 0, Math.max(1, byName.length), now).ids();
    }

    /** Positions in name order, in another order; computed once per index. */
    private int[] ordered(SortOrder order) {
      return orders.computeIfAbsent(order, o -> {
        Integer[] positions = new Integer[byName.length];
        for (int i = 0; i < positions.length; i++) {
          positions[i] = i;
        }
        Comparator<Entry> comparator = o.comparator();
        Arrays.sort(positions, (a, b) -> comparator.compare(byName[a], byName[b]));
        return Arrays.stream(positions).mapToInt(Integer::intValue).toArray();
      });
    }
  }

  /** The members on a page, in order; the members they share a household with; how many match in all. */
  record Page(List<String> ids, List<String> partnerIds, long total) {

    /** The page's members and their partners: what showing the page reads. */
    List<String> toRead() {
      return java.util.stream.Stream.concat(ids.stream(), partnerIds.stream()).distinct().toList();
    }
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

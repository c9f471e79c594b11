package coop.roster.member.roster;

import coop.roster.member.group.Group;
import coop.roster.member.group.Groups;
import coop.roster.member.group.Reminders;
import coop.roster.member.web.LocalizedProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads the member list: a page of a selection, searched and sorted, with every selection's count; and what the
 * invitation pages count (a selection's outlook, a request's answers), from the same in-memory index, since on
 * mongo-java-server a count on any field but {@code _id} scans the group under the store's lock.
 */
@Service
public class RosterQueries {

  /** What an invitation of a selection would meet, for its confirmation page. */
  public record InvitationOutlook(long total, long neverInvited, long invitedLately, long failed) {
  }

  /** How many members whose last invitation is one request's were sent their mail, and how many failed. */
  public record RequestAnswers(long sent, long failed) {
  }

  private final Groups groups;
  private final Members members;
  private final RosterIndex index;
  private final Clock clock;
  private final Executor fetches = Executors.newVirtualThreadPerTaskExecutor();
  private static final int EXPORT_BATCH = 500;

  RosterQueries(Groups groups, Members members, RosterIndex index, Clock clock) {
    this.groups = groups;
    this.members = members;
    this.index = index;
    this.clock = clock;
  }

  /**
   * A page costs the read of the group's version, and while the roster changes (an import), the catching up of the
   * index. Meanwhile, the page as the index held shows it is read, with its members' partners, and so are the group's
   * reminders: when none of the page's members changed since the index held, what was read ahead is what the page
   * shows. This matters on mongo-java-server, which serves one command at a time per collection: every read of the
   * members collection waits behind an import's writes.
   */
  MemberList list(String groupId, Selection selection, String query, String sort, int page, int size) {
    RosterIndex.SortOrder order = sortOrder(sort);
    Instant now = clock.instant();
    CompletableFuture<Reminders> reminders = CompletableFuture.supplyAsync(() -> reminders(groupId), fetches);
    RosterIndex.Snapshot held = index.held(groupId);
    RosterIndex.Page heldPage = held == null ? null : held.page(selection, query, order, page, size, now);
    CompletableFuture<Map<String, Member>> readAhead = heldPage == null ? null
        : CompletableFuture.supplyAsync(() -> read(groupId, heldPage), fetches);
    long version = index.version(groupId);
    if (version == 0) {
      // Every group has a member from its creation on: no version means, in practice, no group (404).
      groups.get(groupId);
    }
    RosterIndex.Snapshot snapshot = index.current(groupId, version);
    RosterIndex.Page found = snapshot == held ? heldPage : snapshot.page(selection, query, order, page, size, now);
    List<String> toRead = found.toRead();
    boolean readAheadHolds = snapshot == held
        || heldPage != null && toRead.equals(heldPage.toRead()) && snapshot.unchangedSince(held, toRead);
    Map<String, Member> read = readAheadHolds ? readAhead.join() : read(groupId, found);
    List<Member> onPage = found.ids().stream().map(read::get).filter(Objects::nonNull).toList();
    Map<String, Member> withPartners = partnersOf(groupId, onPage, read);
    Reminders groupReminders = reminders.join();
    return new MemberList(selection, query, order.field() + "," + (order.ascending() ? "asc" : "desc"), page, size,
        found.total(), snapshot.counts(now), onPage.stream()
            .map(member -> MemberView.of(member,
                member.partnerId() == null ? null : withPartners.get(member.partnerId()), groupReminders))
            .toList());
  }

  /** The members a page shows and their partners, by id, in one read. */
  private Map<String, Member> read(String groupId, RosterIndex.Page page) {
    return members.byIds(groupId, page.toRead()).stream().collect(Collectors.toMap(Member::id, Function.identity()));
  }

  /** The group's automatic reminders, from which each member's next reminder is told. */
  Reminders reminders(String groupId) {
    return groups.find(groupId).map(Group::remindersOrDefault).orElse(Reminders.DEFAULT);
  }

  /**
   * The members read with the page, and the partners they name that were not among them (linked since the index was
   * read): one more read, only then.
   */
  private Map<String, Member> partnersOf(String groupId, List<Member> onPage, Map<String, Member> read) {
    List<String> missing = onPage.stream().map(Member::partnerId)
        .filter(id -> id != null && !read.containsKey(id)).distinct().toList();
    if (missing.isEmpty()) {
      return read;
    }
    Map<String, Member> all = new HashMap<>(read);
    members.byIds(groupId, missing).forEach(partner -> all.put(partner.id(), partner));
    return all;
  }

  /** The ids of every member of a selection, searched and sorted as the list shows them. */
  List<String> every(String groupId, Selection selection, String query, String sort) {
    return current(groupId).every(selection, query, sortOrder(sort), clock.instant());
  }

  /**
   * What inviting a selection would meet now: members never invited, invited since {@code invitedSince} (and not
   * failed), and whose last invitation failed.
   */
  public InvitationOutlook invitationOutlook(String groupId, Selection selection, Instant invitedSince) {
    return current(groupId).outlook(selection, clock.instant(), invitedSince.toEpochMilli());
  }

  /** The answers so far to one invitation request, among the members it is the last request of. */
  public RequestAnswers answers(String groupId, String requestId) {
    return current(groupId).answers(requestId);
  }

  /**
   * The ids of the group's members in a selection now, in name order, from the index: the same members as the
   * selection's query, which scans the whole members collection on mongo-java-server (seconds during an import).
   */
  public List<String> idsIn(String groupId, Selection selection) {
    return current(groupId).every(selection, null, RosterIndex.SortOrder.DEFAULT, clock.instant());
  }

  /** The members whose last invitation is one of these requests' and is neither sent nor failed yet. */
  public List<String> awaitingAnswer(String groupId, Set<String> requestIds) {
    return current(groupId).awaitingAnswer(requestIds);
  }

  private RosterIndex.Snapshot current(String groupId) {
    long version = index.version(groupId);
    if (version == 0) {
      groups.get(groupId);
    }
    return index.current(groupId, version);
  }

  /**
   * The members of those ids, in their order, read from MongoDB a batch at a time so that an export of a large group
   * never holds more than one batch of members.
   */
  Stream<Member> fetch(String groupId, List<String> ids) {
    int batches = (ids.size() + EXPORT_BATCH - 1) / EXPORT_BATCH;
    return IntStream.range(0, batches)
        .mapToObj(b -> ids.subList(b * EXPORT_BATCH, Math.min(ids.size(), (b + 1) * EXPORT_BATCH)))
        .flatMap(batch -> members.byIds(groupId, batch).stream());
  }

  /** {@code field,asc} or {@code field,desc}; the field alone sorts ascending. */
  static RosterIndex.SortOrder sortOrder(String sort) {
    if (sort == null || sort.isBlank()) {
      return RosterIndex.SortOrder.DEFAULT;
    }
    String[] parts = sort.split(",", 2);
    try {
      RosterIndex.SortOrder.Field field = RosterIndex.SortOrder.Field.valueOf(parts[0].strip());
      boolean ascending = parts.length == 1 || switch (parts[1].strip().toLowerCase(Locale.ROOT)) {
        case "asc" -> true;
        case "desc" -> false;
        default -> throw new IllegalArgumentException(parts[1]);
      };
      return new RosterIndex.SortOrder(field, ascending);
    } catch (IllegalArgumentException e) {
      throw new LocalizedProblem(HttpStatus.BAD_REQUEST, "list.sort", sort);
    }
  }
}

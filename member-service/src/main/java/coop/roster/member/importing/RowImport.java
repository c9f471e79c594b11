package coop.roster.member.importing;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import coop.roster.events.ExistingMemberPolicy;
import coop.roster.events.ImportRowOutcome;
import coop.roster.events.ImportRowOutcome.Outcome;
import coop.roster.events.MemberCreated;
import coop.roster.events.Person;
import coop.roster.events.RosterEvent;
import coop.roster.member.group.Group;
import coop.roster.member.group.Groups;
import coop.roster.member.messaging.EventPublisher;
import coop.roster.member.roster.Folded;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.MemberRules;
import coop.roster.member.roster.Members;
import coop.roster.member.roster.Roster;
import coop.roster.events.EventJson;
import coop.roster.events.UnreadableEventException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import io.micrometer.observation.Observation;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.MessageSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Puts a batch of import rows into the roster with a handful of bulk reads and writes. Idempotent:
 * a row already answered is answered again the same way and changes nothing; a row caught between its
 * write and its record (a crash) is recognised by the member's source and answered as the first time.
 * Events caused by a row have ids derived from the row's event id, so a consumer sees the same ids again. A row that
 * creates or changes a member writes its events (the member's, then its outcome) in the member's outbox, in the
 * batch's one bulk write; the outcome of a row that changes no member is published directly, and every outcome
 * recorded once written or published.
 */
@Component
class RowImport implements SmartInitializingSingleton {

  private static final int DUPLICATE_KEY = 11000;

  /** How long a row's outcome is remembered: far longer than any redelivery or replay of an import. */
  static final Duration REMEMBERED = Duration.ofDays(90);

  private final MongoTemplate mongo;
  private final Members members;
  private final Groups groups;
  private final MemberRules rules;
  private final MessageSource messages;
  private final EventPublisher events;
  private final Clock clock;

  RowImport(MongoTemplate mongo, Members members, Groups groups, MemberRules rules,
      MessageSource messages, EventPublisher events, Clock clock) {
    this.mongo = mongo;
    this.members = members;
    this.groups = groups;
    this.rules = rules;
    this.messages = messages;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    mongo.getCollection(ImportedRow.COLLECTION).createIndex(Indexes.ascending("occurredAt"),
        new IndexOptions().name("forget").expireAfter(REMEMBERED.toSeconds(), TimeUnit.SECONDS));
  }

  /**
   * One poll's records. The readable rows before an unreadable one are imported, then the unreadable one is
   * named to the error handler, which sends it to the DLQ and hands the rest back. {@code traces} holds each
   * record's observation, in the same order.
   */
  void accept(List<byte[]> payloads, List<Observation> traces) {
    List<MemberCreated> rows = new ArrayList<>(payloads.size());
    for (int index = 0; index < payloads.size(); index++) {
      try {
        rows.add(usable(EventJson.read(payloads.get(index), MemberCreated.class)));
      } catch (UnreadableEventException e) {
        if (!rows.isEmpty()) {
          importRows(rows, traces);
        }
        // As EventRecords.readBatch does for unreadable records: this one alone to the DLQ, at once.
        throw new BatchListenerFailedException("unusable MemberCreated", e, index);
      }
    }
    if (!rows.isEmpty()) {
      importRows(rows, traces);
    }
  }

  /**
   * The row, if it can be answered at all: without its event id or import id no outcome can name it, and retrying
   * will not change that (a poison record: to the DLQ at once, not retried for minutes).
   */
  static MemberCreated usable(MemberCreated row) {
    if (row.eventId() == null || row.importId() == null || row.occurredAt() == null) {
      throw new UnreadableEventException("MemberCreated without eventId, importId or occurredAt", null);
    }
    return row;
  }

  /** The poll's readable records before any unreadable one, never none: row i is record i, traced by traces[i]. */
  private void importRows(List<MemberCreated> rows, List<Observation> traces) {
    Map<String, ImportedRow> answered = mongo.find(Query.query(where("_id").in(
            rows.stream().map(r -> ImportedRow.id(r.importId(), r.rowNumber())).toList())), ImportedRow.class)
        .stream().collect(Collectors.toMap(ImportedRow::id, Function.identity()));
    Map<String, Optional<Group>> knownGroups = new HashMap<>();
    List<MemberCreated> fresh = new ArrayList<>();
    for (MemberCreated row : rows) {
      if (!answered.containsKey(ImportedRow.id(row.importId(), row.rowNumber()))) {
        fresh.add(row);
        knownGroups.computeIfAbsent(String.valueOf(row.groupId()),
            id -> row.groupId() == null ? Optional.empty() : groups.find(id));
      }
    }
    Set<String> emails = new HashSet<>();
    for (MemberCreated row : fresh) {
      if (row.person() != null && row.person().email() != null) {
        emails.add(Member.groupEmail(row.groupId(), row.person().email()));
        if (Member.isSeparateMember(row.person(), row.partner())) {
          emails.add(Member.groupEmail(row.groupId(), row.partner().email()));
        }
      }
    }
    Map<String, Member> roster = new HashMap<>(members.byGroupEmails(emails));

    Batch batch = new Batch();
    for (int index = 0; index < rows.size(); index++) {
      MemberCreated row = rows.get(index);
      batch.trace = traces.get(index);
      ImportedRow already = answered.get(ImportedRow.id(row.importId(), row.rowNumber()));
      if (already != null) {
        batch.answer(already.event());
      } else {
        importRow(row, knownGroups.get(String.valueOf(row.groupId())).isPresent(), roster, batch);
      }
    }
    // The members and the events their rows cause in one bulk write: the outbox relays the events.
    members.importBatch(batch.imported());
    members.writtenBefore(batch.writtenBefore);
    publish(batch);
    batch.remember(mongo, answered.keySet());
  }

  /**
   * The outcomes of rows that changed no member (rejected, already a member, answered before) handed to Kafka at
   * once; returns when Kafka took all of them. Each goes in the trace of the row that caused it, so the trace goes
   * on to the services that read it.
   */
  private void publish(Batch batch) {
    List<CompletableFuture<?>> sends = new ArrayList<>(batch.published.size());
    List<RosterEvent> run = new ArrayList<>();
    Observation runTrace = null;
    for (RosterEvent event : batch.published) {
      Observation trace = batch.traces.get(event);
      if (trace != runTrace) {
        publishRun(runTrace, run, sends);
        runTrace = trace;
      }
      run.add(event);
    }
    publishRun(runTrace, run, sends);
    events.await(sends);
  }

  /** Publishes, in their order, events that follow each other in one trace (a batch's rows often share one). */
  private void publishRun(Observation trace, List<RosterEvent> run, List<CompletableFuture<?>> sends) {
    if (!run.isEmpty()) {
      trace.scoped(() -> run.forEach(event -> sends.add(events.publish(event))));
      run.clear();
    }
  }

  private void importRow(MemberCreated row, boolean groupExists, Map<String, Member> roster, Batch batch) {
    Instant now = clock.instant();
    Optional<String> rejection = !groupExists ? Optional.of(message("import.unknownGroup", row.groupId()))
        : row.person() == null ? Optional.of(message("import.noPerson"))
        : rules.rejection(row.person(), row.partner(), row.address());
    if (rejection.isPresent()) {
      batch.outcome(row, null, Outcome.REJECTED, rejection.get(), null, null, now);
      return;
    }
    // A partner with an e-mail of their own is a member of their own, linked to the first: not a note on their page.
    boolean couple = Member.isSeparateMember(row.person(), row.partner())
        && rules.rejection(row.partner(), null, row.address()).isEmpty();
    Person nestedPartner = couple ? null : row.partner();
    Placed first = place(row, row.person(), nestedPartner, "added", "updated", roster, batch, now);
    if (!couple) {
      batch.outcome(row, first.member().id(), first.outcome(), null, null, null, now);
      return;
    }
    Placed second = place(row, row.partner(), null, "partner-added", "partner-updated", roster, batch, now);
    link(row, first.member(), second.member(), roster, batch, now);
    batch.outcome(row, first.member().id(), first.outcome(), null, second.member().id(), second.outcome(), now);
  }

  /** A person of the row put in the roster: created, updated (the update policy) or left as they are. */
  private record Placed(Member member, Outcome outcome) {
  }

  private Placed place(MemberCreated row, Person person, Person partner, String addedPurpose, String updatedPurpose,
      Map<String, Member> roster, Batch batch, Instant now) {
    String key = Member.groupEmail(row.groupId(), person.email());
    Member existing = roster.get(key);
    if (existing == null) {
      Member member = Member.create(Member.newId(), row.groupId(), person, partner, row.address(),
          Member.Source.importRow(row.importId(), row.rowNumber()), now).withLanguage(row.language());
      roster.put(key, member);
      batch.write(member, true, Roster.added(member, derived(row, addedPurpose)));
      return new Placed(member, Outcome.CREATED);
    }
    if (existing.cameFrom(row.importId(), row.rowNumber())) {
      // Written before, by a batch that stopped before its record: its events are in the member's outbox, or sent.
      batch.writtenBefore.add(existing);
      return new Placed(existing, Outcome.CREATED);
    }
    if (row.policy() == ExistingMemberPolicy.UPDATE && (!existing.hasDetails(person, partner, row.address())
        || row.language() != null && !row.language().equals(existing.language()))) {
      // A row naming no language keeps the member's.
      Member updated = existing.withDetails(person, partner, row.address(), now)
          .withLanguage(row.language() != null ? row.language() : existing.language());
      roster.put(key, updated);
      batch.write(updated, false, Roster.updated(updated, derived(row, updatedPurpose)));
      return new Placed(updated, Outcome.UPDATED);
    }
    return new Placed(existing, Outcome.ALREADY_MEMBER);
  }

  /**
   * Links the two as one household, whatever the policy (the link is the household's, not a detail of either), unless
   * either is linked to someone else already: a household is never broken up by an import. The first person's note
   * of this partner (kept on their page before partners were members) leaves it: the partner's own page says it now.
   */
  private void link(MemberCreated row, Member first, Member second, Map<String, Member> roster, Batch batch,
      Instant now) {
    boolean firstFree = first.partnerId() == null || first.partnerId().equals(second.id());
    boolean secondFree = second.partnerId() == null || second.partnerId().equals(first.id());
    if (!firstFree || !secondFree) {
      return;
    }
    if (first.partnerId() == null) {
      Member linked = first.withPartnerId(second.id());
      RosterEvent unnoted = null;
      if (notes(first, second)) {
        linked = linked.withDetails(first.person(), null, first.address(), now);
        unnoted = Roster.updated(linked, derived(row, "partner-unnoted"));
      }
      roster.put(linked.groupEmail(), linked);
      batch.write(linked, batch.inserted.contains(linked.id()), unnoted);
    }
    if (second.partnerId() == null) {
      Member linked = second.withPartnerId(first.id());
      roster.put(linked.groupEmail(), linked);
      batch.write(linked, batch.inserted.contains(linked.id()), null);
    }
  }

  /** Whether the first member's page notes this person as their partner (same e-mail, or same names). */
  private static boolean notes(Member first, Member second) {
    Person noted = first.partner();
    if (noted == null) {
      return false;
    }
    return noted.email() != null ? noted.email().equals(second.person().email())
        : Objects.equals(Folded.of(noted.firstName()), Folded.of(second.person().firstName()))
            && Objects.equals(Folded.of(noted.lastName()), Folded.of(second.person().lastName()));
  }

  private String message(String code, Object... arguments) {
    return messages.getMessage(code, arguments, Locale.FRENCH);
  }

  /** An event id that a row always derives the same way. */
  static UUID derived(MemberCreated row, String purpose) {
    return UUID.nameUUIDFromBytes((row.eventId() + ":" + purpose).getBytes(StandardCharsets.UTF_8));
  }

  /** What one batch writes and publishes. */
  private static final class Batch {
    /** The members written, by id, each with the events its rows cause, in order. */
    final Map<String, Member> written = new LinkedHashMap<>();
    final Set<String> inserted = new HashSet<>();
    final Map<String, List<RosterEvent>> eventsOf = new HashMap<>();
    /** Members an earlier try of this batch wrote, whose change that try may not have recorded. */
    final List<Member> writtenBefore = new ArrayList<>();
    /** The outcomes of rows that changed no member, published directly. */
    final List<RosterEvent> published = new ArrayList<>();
    /** Every row's outcome, recorded once all is written and published. */
    final List<ImportRowOutcome> outcomes = new ArrayList<>();
    /** The observation of the row whose record caused each event published directly. */
    final Map<RosterEvent, Observation> traces = new IdentityHashMap<>();
    /** The observation of the row being imported. */
    Observation trace;

    /** A member the row creates or changes, and the event announcing it. */
    void write(Member member, boolean insert, RosterEvent change) {
      written.put(member.id(), member);
      if (insert) {
        inserted.add(member.id());
      }
      List<RosterEvent> events = eventsOf.computeIfAbsent(member.id(), id -> new ArrayList<>());
      if (change != null) {
        events.add(change);
      }
    }

    /** The row's outcome: in its member's outbox when the row changed one, published directly otherwise. */
    void outcome(MemberCreated row, String memberId, Outcome outcome, String reason, String partnerMemberId,
        Outcome partnerOutcome, Instant now) {
      ImportRowOutcome event = new ImportRowOutcome(derived(row, "outcome"), now, row.importId(), row.rowNumber(),
          row.groupId(), memberId, outcome, reason, partnerMemberId, partnerOutcome);
      outcomes.add(event);
      String writtenWith = memberId != null && written.containsKey(memberId) ? memberId
          : partnerMemberId != null && written.containsKey(partnerMemberId) ? partnerMemberId : null;
      if (writtenWith != null) {
        eventsOf.get(writtenWith).add(event);
      } else {
        published.add(event);
        traces.put(event, trace);
      }
    }

    void answer(ImportRowOutcome outcome) {
      outcomes.add(outcome);
      published.add(outcome);
      traces.put(outcome, trace);
    }

    List<Members.Imported> imported() {
      return written.values().stream().map(member -> new Members.Imported(member, inserted.contains(member.id()),
          eventsOf.get(member.id()))).toList();
    }

    /**
     * Records the outcomes of the rows answered for the first time; written last, once all is published. A
     * row recorded already (by a batch that failed after this write) keeps its first record.
     */
    void remember(MongoTemplate mongo, Set<String> answeredBefore) {
      List<ImportedRow> first = outcomes.stream().map(ImportedRow::of)
          .filter(row -> !answeredBefore.contains(row.id()))
          .collect(Collectors.toMap(ImportedRow::id, Function.identity(), (a, b) -> a, LinkedHashMap::new))
          .values().stream().toList();
      if (!first.isEmpty()) {
        try {
          mongo.getCollection(ImportedRow.COLLECTION).insertMany(
              first.stream().map(ImportedRow::document).toList(), new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
          // Unordered: every row but the ones recorded already was written.
          if (!e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
            throw e;
          }
        }
      }
    }
  }
}

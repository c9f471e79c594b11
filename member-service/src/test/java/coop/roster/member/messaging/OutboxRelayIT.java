package coop.roster.member.messaging;

import coop.roster.events.EventJson;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberUpdated;
import coop.roster.events.Person;
import coop.roster.events.RosterChange;
import coop.roster.events.Topics;
import coop.roster.member.roster.Member;
import coop.roster.member.roster.Roster;
import coop.roster.member.support.AgainstRealServers;
import coop.roster.member.support.Kafka;
import coop.roster.member.support.RosterFixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static coop.roster.member.support.RosterFixtures.eventually;
import static coop.roster.member.support.RosterFixtures.newEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member-service killed between its write and the relay loses nothing. Simulated in this JVM: the member document
 * is written as {@code Members} writes it (the change and its events in one write) but no relay is started for it,
 * as when the process dies right after the write; the scheduled relay of the running service finds it.
 */
@AgainstRealServers
class OutboxRelayIT {

  @Autowired
  MongoTemplate mongo;

  @Test
  void eventsWrittenByAServiceThatDiedBeforeRelayingThemAreSentInTheirOrder() {
    Member member = member();
    MemberAdded added = Roster.added(member, UUID.randomUUID());
    Member renamed = member.withDetails(new Person("Odile", "Renommée", member.person().email(), null), null, null,
        Instant.now());
    MemberUpdated updated = Roster.updated(renamed, UUID.randomUUID());
    insertWithoutRelay(member, List.of(added, updated), null);

    List<RosterChange> sent = Kafka.await(Topics.MEMBERS_ROSTER, RosterChange.class,
        e -> e.memberId().equals(member.id()), 2);

    assertThat(sent).extracting(RosterChange::eventId).containsExactly(added.eventId(), updated.eventId());
    eventually(() -> pending(member.id()).isEmpty(), "the outbox emptied once Kafka acknowledged");
  }

  @Test
  void eventsLeasedByARelayThatDiedAreSentOnceItsLeaseExpired() {
    Member member = member();
    MemberAdded added = Roster.added(member, UUID.randomUUID());
    insertWithoutRelay(member, List.of(added), Instant.now().plusSeconds(3));

    assertThat(Kafka.await(Topics.MEMBERS_ROSTER, MemberAdded.class, e -> e.memberId().equals(member.id()), 1))
        .extracting(MemberAdded::eventId).containsExactly(added.eventId());
    eventually(() -> pending(member.id()).isEmpty(), "the outbox emptied once Kafka acknowledged");
  }

  @Test
  void entriesWrittenBeforeEntriesNamedTheirTopicAndKeyAreSentAllTheSame() {
    Member member = member();
    MemberAdded added = Roster.added(member, UUID.randomUUID());
    Document entry = Outbox.entry(added);
    entry.remove("topic");
    entry.remove("key");
    Document document = new Document();
    mongo.getConverter().write(member, document);
    mongo.insert(document.append(Outbox.FIELD, List.of(entry)), "members");

    List<ConsumerRecord<byte[], byte[]>> sent = Kafka.awaitRecords(Topics.MEMBERS_ROSTER,
        value -> new String(value, StandardCharsets.UTF_8).contains(added.eventId().toString()), 1,
        Duration.ofSeconds(60), Duration.ofSeconds(2));

    assertThat(sent).hasSize(1);
    assertThat(new String(sent.getFirst().key(), StandardCharsets.UTF_8)).isEqualTo(added.key());
    assertThat(EventJson.read(sent.getFirst().value(), RosterChange.class)).isEqualTo(added);
    eventually(() -> pending(member.id()).isEmpty(), "the outbox emptied once Kafka acknowledged");
  }

  private static Member member() {
    return Member.create(UUID.randomUUID().toString(), RosterFixtures.newGroupId("relay"),
        new Person("Odile", "Outbox", newEmail("odile"), null), null, null, Member.Source.manual(), Instant.now());
  }

  /** The member written as its owner writes it, with a dead relay's lease on it when {@code leasedUntil} is set. */
  private void insertWithoutRelay(Member member, List<? extends coop.roster.events.RosterEvent> events,
      Instant leasedUntil) {
    Document document = new Document();
    mongo.getConverter().write(member, document);
    Outbox.withEvents(document, events);
    if (leasedUntil != null) {
      mongo.insert(new Document("_id", "members:" + member.id()).append("relay", "a-relay-that-died")
          .append("until", Date.from(leasedUntil)), Outbox.LEASES);
    }
    mongo.insert(document, "members");
  }

  private List<?> pending(String memberId) {
    Document document = mongo.findById(memberId, Document.class, "members");
    return document == null ? List.of() : document.getList(Outbox.FIELD, Object.class, List.of());
  }
}

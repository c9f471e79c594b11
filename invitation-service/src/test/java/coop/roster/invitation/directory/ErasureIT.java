package coop.roster.invitation.directory;

import coop.roster.events.GroupCreated;
import coop.roster.events.EventJson;
import coop.roster.events.InvitationRequested;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberRemoved;
import coop.roster.events.MemberSource;
import coop.roster.events.Person;
import coop.roster.events.Topics;
import coop.roster.invitation.delivery.InvitationHistory;
import coop.roster.invitation.testing.RunningService;
import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A member removed from the roster is erased from invitation-service and, when nobody else uses it, from Keycloak. */
class ErasureIT extends RunningService {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final TestAccounts keycloak = TestAccounts.fromSystemProperties();

  @Autowired
  Directory directory;

  @Autowired
  InvitationHistory history;

  @Test
  void aRemovedMemberLosesAccountInvitationRecordsAndDirectoryEntryAndARedeliveredRemovalOrAdditionChangesNothing() {
    String group = newGroupId("erase");
    String email = unique("camille");
    MemberAdded added = added(group, new Person("Camille", "Léger", email, null));
    events.publish(added);
    await().atMost(PATIENCE).until(() -> keycloak.user(email) != null);
    InvitationRequested invited = invitation(added, UUID.randomUUID().toString());
    events.publish(invited);
    awaitStatuses(events, invited.requestId(), 1, PATIENCE);
    assertThat(history.ofMember(group, added.memberId())).extracting(InvitationHistory.SentInvitation::email)
        .containsExactly(email);

    MemberRemoved removed = new MemberRemoved(UUID.randomUUID(), Instant.now(), added.memberId(), group, null);
    events.publish(removed);

    await().atMost(PATIENCE).until(() -> keycloak.user(email) == null);
    await().atMost(PATIENCE).until(() -> history.ofMember(group, added.memberId()).isEmpty()
        && directory.member(group, added.memberId()).isEmpty());

    // Kafka may deliver the removal again, or replay the addition and a request already on its way.
    events.publish(removed);
    events.publish(added);
    events.publish(invitation(added, UUID.randomUUID().toString()));
    String sentinel = unique("sentinel");
    MemberAdded after = added(group, new Person("Sam", "Après", sentinel, null));
    // Under the erased member's key, hence in their partition: once it is applied, the replays before it were.
    events.send(Topics.MEMBERS_ROSTER, added.memberId(), EventJson.write(after));
    await().atMost(PATIENCE).until(() -> directory.member(group, after.memberId()).isPresent());
    assertThat(directory.member(group, added.memberId())).isEmpty();
    assertThat(keycloak.user(email)).as("no account brought back").isNull();
  }

  @Test
  void aPersonStillMemberOfAnotherGroupOrCoordinatingOneKeepsTheirAccount() {
    String lilas = newGroupId("lilas");
    String marche = newGroupId("marche");
    String dominique = unique("dominique");
    String elise = unique("elise");
    MemberAdded inLilas = added(lilas, new Person("Dominique", "Roux", dominique, null));
    MemberAdded inMarche = added(marche, new Person("Dominique", "Roux", dominique, null));
    MemberAdded eliseMember = added(lilas, new Person("Élise", "Dupré", elise, null));
    events.publish(new GroupCreated(UUID.randomUUID(), Instant.now(), lilas, "AMAP des Lilas", lilas, List.of(elise)));
    events.publishAll(List.of(inLilas, inMarche, eliseMember));
    await().atMost(PATIENCE).until(() -> directory.member(marche, inMarche.memberId()).isPresent()
        && directory.member(lilas, eliseMember.memberId()).isPresent()
        && keycloak.user(dominique) != null && keycloak.user(elise) != null);

    events.publish(new MemberRemoved(UUID.randomUUID(), Instant.now(), inLilas.memberId(), lilas, null));
    events.publish(new MemberRemoved(UUID.randomUUID(), Instant.now(), eliseMember.memberId(), lilas, null));

    await().atMost(PATIENCE).until(() -> directory.member(lilas, inLilas.memberId()).isEmpty()
        && directory.member(lilas, eliseMember.memberId()).isEmpty());
    assertThat(keycloak.user(dominique)).as("still a member of the other group").isNotNull();
    assertThat(keycloak.user(elise)).as("still the group's coordinator").isNotNull();
  }

  private static MemberAdded added(String group, Person person) {
    return new MemberAdded(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), group, person, null, null,
        MemberSource.MANUAL, null);
  }

  private static InvitationRequested invitation(MemberAdded member, String requestId) {
    return new InvitationRequested(UUID.randomUUID(), Instant.now(), requestId, member.groupId(), member.memberId(),
        member.person().email(), member.person().firstName(), member.person().lastName(), "fr", "AMAP des Lilas",
        "Élise Dupré", "elise@example.org");
  }

  private static String newGroupId(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}

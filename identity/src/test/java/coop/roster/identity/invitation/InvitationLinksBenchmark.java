package coop.roster.identity.invitation;

import coop.roster.identity.testing.Realm;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Links minted per second through {@code POST /realms/roster/invitations/links}, as
 * invitation-service calls it, for batches of 100, 200 and 500 e-mails. Prints its figures;
 * asserts nothing about time.
 * {@code ./mvnw -B -pl identity -am verify -Pbenchmark -Dit.test=InvitationLinksBenchmark}
 */
@RosterInfrastructure(Part.KEYCLOAK)
class InvitationLinksBenchmark {

  private static final int MEMBERS = 1_000;
  private static final int ROUNDS = 3;

  private final Realm realm = Realm.fromSystemProperties();

  @Test
  void linksMintedPerSecond() {
    List<String> members = members();
    // Warm-up: a full pass, so that the first batch size measured does not pay for Keycloak's JIT and caches.
    for (int from = 0; from < members.size(); from += 200) {
      realm.links("gateway", "http://127.0.0.1:8080/", 3600, members.subList(from, from + 200));
    }

    StringBuilder figures = new StringBuilder();
    for (int batch : List.of(100, 200, 500)) {
      String token = realm.invitationServiceToken();
      long links = 0;
      long begin = System.nanoTime();
      for (int round = 0; round < ROUNDS; round++) {
        for (int from = 0; from < members.size(); from += batch) {
          JsonNode answer = realm.links("gateway", "http://127.0.0.1:8080/", 7 * 24 * 3600,
              members.subList(from, Math.min(members.size(), from + batch)));
          answer.forEach(link -> {
            if (!link.has("link")) {
              throw new IllegalStateException("no link for " + link);
            }
          });
          links += answer.size();
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - begin);
      figures.append(String.format("  batches of %3d e-mails: %5d links in %6d ms  %6.0f links/s  %5.0f ms per call%n",
          batch, links, took.toMillis(), links / (took.toNanos() / 1e9),
          took.toMillis() / (double) (ROUNDS * Math.ceil(members.size() / (double) batch))));
    }
    System.out.printf("%nInvitationLinksBenchmark: links for %d members, %d rounds (Keycloak 26.7.3, 2 shared cores)%n%s%n",
        MEMBERS, ROUNDS, figures);
  }

  /** Members created in one partial import, as invitation-service would create a roster's accounts. */
  private List<String> members() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> emails = IntStream.range(0, MEMBERS)
        .mapToObj(i -> "links-" + run + "-" + i + "@amap-benchmark.example").toList();
    Realm.Answer answer = realm.adminCall(realm.adminToken(), "POST", "/partialImport", Map.of(
        "ifResourceExists", "SKIP",
        "users", emails.stream().map(email -> Map.of("username", email, "email", email, "enabled", true)).toList()));
    if (answer.status() != 200) {
      throw new IllegalStateException("partial import answered " + answer.status() + ": " + answer.text());
    }
    return emails;
  }
}

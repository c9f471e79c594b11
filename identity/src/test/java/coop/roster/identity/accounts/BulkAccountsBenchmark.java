package coop.roster.identity.accounts;

import coop.roster.identity.testing.Realm;
import coop.roster.stack.Part;
import coop.roster.stack.junit.RosterInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Creating the accounts of a 1,000-member roster: Keycloak's partial import (one call,
 * {@code ifResourceExists: SKIP}) against one {@code POST /users} per person, one at a time and
 * four at a time. Prints its figures; asserts nothing about time.
 * {@code ./mvnw -B -pl identity -am verify -Pbenchmark -Dit.test=BulkAccountsBenchmark}
 */
@RosterInfrastructure(Part.KEYCLOAK)
class BulkAccountsBenchmark {

  private static final int PEOPLE = 1_000;

  private final Realm realm = Realm.fromSystemProperties();
  private String token;
  private long tokenAt;

  @Test
  void partialImportAgainstOneCallPerPerson() throws Exception {
    // Warm-up: Keycloak's first calls pay for class loading and caches.
    partialImport(people("warmup", 50));
    onePerPerson(people("warmup-single", 50), 1);

    List<Map<String, Object>> imported = people("import", PEOPLE);
    long begin = System.nanoTime();
    JsonNode answer = partialImport(imported);
    Duration partialImport = since(begin);
    check(answer.get("added").asInt() == PEOPLE, "partial import added " + answer.get("added"));

    begin = System.nanoTime();
    JsonNode again = partialImport(imported);
    Duration importAgain = since(begin);
    check(again.get("skipped").asInt() == PEOPLE, "second partial import skipped " + again.get("skipped"));

    begin = System.nanoTime();
    onePerPerson(people("single", PEOPLE), 1);
    Duration sequential = since(begin);

    begin = System.nanoTime();
    onePerPerson(people("parallel", PEOPLE), 4);
    Duration parallel = since(begin);

    System.out.printf("""

        BulkAccountsBenchmark: %d accounts in the realm roster (Keycloak %s, 2 shared cores)
          partial import, one call (SKIP existing)      %6d ms  %7.0f accounts/s
          the same partial import again (all skipped)   %6d ms  %7.0f accounts/s
          POST /users, one at a time                    %6d ms  %7.0f accounts/s
          POST /users, 4 at a time                      %6d ms  %7.0f accounts/s
        %n""", PEOPLE, "26.7.3",
        partialImport.toMillis(), rate(partialImport), importAgain.toMillis(), rate(importAgain),
        sequential.toMillis(), rate(sequential), parallel.toMillis(), rate(parallel));
  }

  private JsonNode partialImport(List<Map<String, Object>> users) {
    Realm.Answer answer = realm.adminCall(token(), "POST", "/partialImport",
        Map.of("ifResourceExists", "SKIP", "users", users));
    check(answer.status() == 200, "partial import answered " + answer.status() + ": " + answer.text());
    return answer.body();
  }

  private void onePerPerson(List<Map<String, Object>> users, int threads) throws Exception {
    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      List<Future<Integer>> calls = new ArrayList<>();
      for (Map<String, Object> user : users) {
        calls.add(executor.submit(() -> realm.adminCall(token(), "POST", "/users", user).status()));
      }
      for (Future<Integer> call : calls) {
        check(call.get() == 201, "POST /users answered " + call.get());
      }
    }
  }

  /** The administrator's token, renewed before its one-minute lifetime ends. */
  private synchronized String token() {
    if (token == null || System.nanoTime() - tokenAt > Duration.ofSeconds(30).toNanos()) {
      token = realm.adminToken();
      tokenAt = System.nanoTime();
    }
    return token;
  }

  private static List<Map<String, Object>> people(String batch, int count) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    return IntStream.range(0, count)
        .mapToObj(i -> {
          String email = batch + "-" + run + "-" + i + "@amap-benchmark.example";
          return Map.<String, Object>of("username", email, "email", email, "enabled", true,
              "firstName", "Adhérent", "lastName", "N°" + i);
        })
        .toList();
  }

  private static Duration since(long begin) {
    return Duration.ofNanos(System.nanoTime() - begin);
  }

  private static double rate(Duration took) {
    return PEOPLE / (took.toNanos() / 1e9);
  }

  private static void check(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}

package coop.roster.system.security;

import coop.roster.stack.Endpoints;
import coop.roster.stack.Services;
import coop.roster.system.RosterSystem;
import coop.roster.system.security.Routes.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens an attacker could hold, against every route of every service as the services' OpenAPI documents list them:
 * each gets a 401 problem detail, never an answer (2xx) nor a crash (5xx). The token's holder is a platform
 * administrator of realm {@code roster}, who would pass every group rule, so only the token itself is refused.
 */
@ExtendWith(RosterSystem.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokensIT {

  private final String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
  private final String admin = "root@" + group + ".example";
  private RosterSystem system;
  private AttackerTokens tokens;
  private List<Route> routes;
  private Map<String, String> ids;

  @BeforeAll
  void aGroupAndItsMember(RosterSystem system) {
    this.system = system;
    tokens = new AttackerTokens(system);
    system.createGroup(group, "AMAP des Jetons", "coord@" + group + ".example", "Coralie", "Jeton");
    String adminToken = system.accounts().platformAdminToken(admin);
    String member = Http.get(system.url("member-service") + "/api/groups/" + group + "/members", adminToken)
        .json().path("members").path(0).path("id").asString(UUID.randomUUID().toString());
    ids = Map.of("groupId", group, "memberId", member, "importId", UUID.randomUUID().toString(),
        "requestId", UUID.randomUUID().toString());
    routes = Routes.of(system);
    // Each service reads the realm's keys again when a token names a key it does not know, at most every so often:
    // showing it the suite's key now lets that happen while the other tests run.
    String fresh = tokens.resigned(adminToken, Duration.ZERO);
    controlRoutes().forEach(route -> Http.get(route.url(ids), fresh));
  }

  /** A GET route of each service, where the expiry test's control token must be accepted. */
  private List<Route> controlRoutes() {
    return Services.BACKENDS.stream().map(service -> routes.stream()
        .filter(route -> route.service().equals(service) && route.method().equals("GET")).findFirst().orElseThrow())
        .toList();
  }

  @AfterAll
  void removeWhatWasAddedToKeycloak() {
    tokens.close();
  }

  @Test
  void everyServicePublishesItsRoutesInAnOpenApiDocument() {
    assertThat(routes).extracting(Route::service).containsOnly("member-service", "import-service",
        "invitation-service").contains("member-service", "import-service", "invitation-service");
    assertThat(routes).extracting(Route::toString).contains(
        "member-service GET /api/groups/{groupId}/members", "member-service GET /api/groups/{groupId}/members/export",
        "import-service POST /api/groups/{groupId}/imports",
        "invitation-service GET /api/groups/{groupId}/invitation-previews/{memberId}");
  }

  @Test
  void everyRouteRefusesACallWithoutAToken() {
    assertEveryRouteRefuses(null);
  }

  @Test
  void everyRouteRefusesATokenIssuedForAnotherAudience() {
    String token = tokens.withoutRosterAudience(admin);
    assertThat(AttackerTokens.audiences(token)).doesNotContain("roster-api");
    assertEveryRouteRefuses(token);
  }

  @Test
  void everyRouteRefusesATokenOfAnotherIssuerSignedWithTheRealmsOwnKey() {
    String token = tokens.fromAnotherIssuer(admin);
    assertThat(AttackerTokens.claims(token).path("iss").asString())
        .isNotEqualTo(system.infrastructure().environment().get(Endpoints.KEYCLOAK_URL) + "/realms/roster");
    assertEveryRouteRefuses(token);
  }

  @Test
  void everyRouteRefusesATokenOfAnotherRealmCarryingEveryClaimRosterReads() {
    String token = tokens.fromAnotherRealm("eve@" + group + ".example", group);
    assertThat(AttackerTokens.claims(token).path("roster_groups").toString()).contains(group);
    assertThat(AttackerTokens.audiences(token)).contains("roster-api");
    assertEveryRouteRefuses(token);
  }

  @Test
  void everyRouteRefusesAnExpiredTokenSignedWithAKeyTheServicesTrust() {
    String real = system.accounts().platformAdminToken(admin);
    // The control: the same claims signed with the same key, not expired, are accepted by every service (once
    // each has read the realm's keys again), so the 401s below are for the expiry and nothing else.
    String fresh = tokens.resigned(real, Duration.ZERO);
    for (Route control : controlRoutes()) {
      awaitAccepted(control.url(ids), fresh, control);
    }
    String expired = tokens.resigned(real, Duration.ofMinutes(-20));
    assertThat(AttackerTokens.claims(expired).path("exp").asLong()).isLessThan(Instant.now().getEpochSecond() - 60);
    assertEveryRouteRefuses(expired);
  }

  @Test
  void everyRouteRefusesARealTokenWhoseSignatureWasAltered() {
    assertEveryRouteRefuses(AttackerTokens.withAlteredSignature(system.accounts().platformAdminToken(admin)));
  }

  @Test
  void everyRouteRefusesARealTokenWhoseClaimsWereAltered() {
    assertEveryRouteRefuses(AttackerTokens.withAlteredClaims(system.accounts().platformAdminToken(admin)));
  }

  @Test
  void everyRouteRefusesAnUnsignedTokenWithAlgNone() {
    assertEveryRouteRefuses(AttackerTokens.unsigned(system.accounts().platformAdminToken(admin)));
  }

  private void assertEveryRouteRefuses(String token) {
    List<String> wrong = new ArrayList<>();
    for (Route route : routes) {
      String url = route.url(ids);
      Http.Answer answer = route.takesFile()
          ? Http.upload(url, token, "adherents.csv", "email\nx@y.example\n".getBytes(StandardCharsets.UTF_8))
          : Http.call(route.method(), url, token, route.sampleBody());
      if (answer.status() != 401 || !answer.isProblem()) {
        wrong.add(route + " → " + answer);
      }
    }
    assertThat(wrong).as("routes that did not answer a 401 problem detail").isEmpty();
    assertThat(routes).hasSizeGreaterThan(15);
  }

  /**
   * Polls until the service accepts the token (any answer but a 401: the route may still find nothing): it reads
   * the realm's keys again when it meets an unknown key id.
   */
  private static void awaitAccepted(String url, String token, Route route) {
    Instant deadline = Instant.now().plusSeconds(120);
    Http.Answer answer = Http.get(url, token);
    while (answer.status() == 401 && Instant.now().isBefore(deadline)) {
      pause();
      answer = Http.get(url, token);
    }
    assertThat(answer.status()).as(route + " accepts the control token: " + answer).isNotEqualTo(401)
        .isLessThan(500);
  }

  static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package coop.roster.stack;

import coop.roster.stack.junit.RosterInfrastructure;
import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Test accounts get real tokens from the realm {@code roster}, with the claims the services read. */
@RosterInfrastructure(Part.KEYCLOAK)
class TestAccountsIT {

  private final TestAccounts accounts = TestAccounts.fromSystemProperties();

  @Test
  void aCoordinatorsTokenNamesTheGroupsTheyCoordinateAndTheServicesAsAudience() {
    String email = "elise-" + UUID.randomUUID() + "@example.org";

    JsonNode claims = claims(accounts.coordinatorToken(email, "amap-des-lilas", "amap-du-parc"));

    assertThat(claims.get("iss").asString()).endsWith("/realms/roster");
    assertThat(claims.get("email").asString()).isEqualTo(email);
    assertThat(claims.get("roster_groups").valueStream().map(JsonNode::asString))
        .containsExactlyInAnyOrder("amap-des-lilas", "amap-du-parc");
    assertThat(claims.get("aud").toString()).contains("roster-api");
  }

  @Test
  void aPlatformAdministratorCarriesTheRealmRole() {
    JsonNode claims = claims(accounts.platformAdminToken("admin-" + UUID.randomUUID() + "@example.org"));

    assertThat(claims.at("/realm_access/roles").toString()).contains("platform-admin");
  }

  @Test
  void coordinatingNoGroupAnyMoreRemovesTheClaim() {
    String email = "paul-" + UUID.randomUUID() + "@example.org";
    accounts.coordinatorToken(email, "amap-des-lilas");

    JsonNode claims = claims(accounts.coordinatorToken(email));

    assertThat(claims.has("roster_groups")).isFalse();
    assertThat(claims.at("/realm_access/roles").toString()).doesNotContain("platform-admin");
  }

  private static JsonNode claims(String token) {
    return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }
}

package coop.roster.identity.realm;

import coop.roster.identity.testing.Realm;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import coop.roster.stack.Settings;
import coop.roster.stack.keycloak.TestAccounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's realm: the production realm plus {@code src/local/keycloak/roster-users-0.json},
 * imported together as {@code ./roster start} does, in a Keycloak of this test's own.
 */
class LocalDemoAccountIT {

  @Test
  void theDemoCoordinatorLogsInWithTheDocumentedPasswordAndCoordinatesTheDemoGroup() {
    Settings tests = Settings.forTests();
    Path realmFile = tests.keycloakRealms().getFirst();
    Path users = realmFile.resolve("../../../local/keycloak/roster-users-0.json").normalize();
    try (Infrastructure localStack = Infrastructure.processes(tests.withKeycloak(tests.keycloakProviders(),
        List.of(realmFile, users)))) {
      TestAccounts accounts = TestAccounts.from(localStack.start(Part.KEYCLOAK));
      // The test client exists once TestAccounts made one token.
      accounts.platformAdminToken("admin-for-demo-check@example.org");

      JsonNode claims = Realm.claims(accounts.token("elise@amap-des-lilas.example", "lilas-local-dev-only"));

      assertThat(claims.get("given_name").asString()).isEqualTo("Élise");
      assertThat(claims.get("family_name").asString()).isEqualTo("Dupré");
      assertThat(claims.get("roster_groups").valueStream().map(JsonNode::asString)).containsExactly("amap-des-lilas");
    }
  }
}

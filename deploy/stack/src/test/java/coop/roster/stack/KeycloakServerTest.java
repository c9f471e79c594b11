package coop.roster.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeycloakServerTest {

  @Test
  void readsTheRealmFromARealmFileOrAUsersFile() {
    assertThat(KeycloakServer.realmName(Path.of("identity/src/main/keycloak/roster-realm.json"))).isEqualTo("roster");
    assertThat(KeycloakServer.realmName(Path.of("identity/src/local/keycloak/roster-users-0.json"))).isEqualTo("roster");
    assertThat(KeycloakServer.realmName(Path.of("a-b-users-12.json"))).isEqualTo("a-b");
  }

  @Test
  void refusesAFileKeycloakWouldNotImport() {
    assertThatThrownBy(() -> KeycloakServer.realmName(Path.of("roster.json"))).isInstanceOf(LaunchException.class);
    assertThatThrownBy(() -> KeycloakServer.realmName(Path.of("roster-users.json"))).isInstanceOf(LaunchException.class);
  }

  @Test
  void importsTheRealmWithoutTheExtensionsPasswordRulesWhenTheExtensionIsMissing() {
    String realm = """
        {"realm": "roster",
          "passwordPolicy": "length(15) and maxLength(128) and notUsername and notEmail and notOneCharacterRepeated \
        and passwordBlacklist(roster-common-passwords.txt)",
          "enabled": true}""";
    assertThat(KeycloakServer.withoutExtensionPasswordRules(realm)).contains(
        "\"passwordPolicy\": \"length(15) and maxLength(128) and notUsername and notEmail\",");
  }
}

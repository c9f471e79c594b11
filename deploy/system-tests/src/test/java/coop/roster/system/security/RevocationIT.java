package coop.roster.system.security;

import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.system.Browser;
import coop.roster.system.RosterSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator whose right is taken back: at their next page the gateway refuses them (it reads member-service's
 * coordinator list, not the claims of a token that may be 5 minutes old), and once they hold a new token (what
 * happens within the access token's lifetime) every API call, the export included, is refused.
 */
@ExtendWith(RosterSystem.class)
class RevocationIT {

  @Test
  void aCoordinatorRemovedIsRefusedAtTheNextPageAndWithTheNextTokenTheApiAndTheExport(RosterSystem system) {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String carol = "carole@" + group + ".example";
    String dave = "david@" + group + ".example";
    system.createGroup(group, "AMAP des Révoqués", carol, "Carole", "Martin");
    String carolToken = system.accounts().token(carol, TestAccounts.PASSWORD);
    String daveMember = makeCoordinator(system, group, carolToken, dave, "David");

    try (Browser david = Browser.open("security-revoked-coordinator")) {
      david.go(system.gatewayUrl() + "/groups/" + group + "/members");
      david.await(driver -> driver.findElements(By.id("kc-form-login")).size() == 1);
      david.type(By.id("username"), dave).type(By.id("password"), TestAccounts.PASSWORD).click(By.id("kc-login"));
      david.awaitText(By.tagName("h1"), "Gestion adhérents");
      david.screenshot("coordinateur-avant-retrait");

      Http.Answer removed = Http.call("DELETE", coordinatorsUrl(system, group) + "/" + daveMember, carolToken, null);
      assertThat(removed.status()).as(removed.toString()).isEqualTo(200);

      david.go(system.gatewayUrl() + "/groups/" + group + "/members");
      david.awaitText(By.tagName("h1"), "Accès refusé");
      assertThat(david.page()).contains("Vous ne coordonnez plus ce groupe.").doesNotContain(carol);
      david.screenshot("coordinateur-retire-refuse");
      david.go(system.gatewayUrl() + "/groups/" + group + "/imports");
      david.awaitText(By.tagName("h1"), "Accès refusé");
    }

    assertEveryCallRefusedWithTheNextToken(system, group, dave);
  }

  @Test
  void aCoordinatorWhoseMemberRecordIsDeletedLosesTheRightWithTheNextToken(RosterSystem system) {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String carol = "carole@" + group + ".example";
    String frank = "franck@" + group + ".example";
    system.createGroup(group, "AMAP des Partis", carol, "Carole", "Martin");
    String carolToken = system.accounts().token(carol, TestAccounts.PASSWORD);
    String frankMember = makeCoordinator(system, group, carolToken, frank, "Franck");

    Http.Answer deleted = Http.call("DELETE", system.url("member-service") + "/api/groups/" + group + "/members/"
        + frankMember, carolToken, null);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(Http.get(system.url("member-service") + "/api/groups/" + group, carolToken).body())
        .doesNotContain(frank);

    assertEveryCallRefusedWithTheNextToken(system, group, frank);
  }

  /** A member of the group made coordinator through the API, with a Keycloak account and a password. */
  private static String makeCoordinator(RosterSystem system, String group, String carolToken, String email,
      String firstName) {
    Http.Answer member = Http.call("POST", system.url("member-service") + "/api/groups/" + group + "/members",
        carolToken, Map.of("email", email, "firstName", firstName, "lastName", "Coordinateur"));
    assertThat(member.status()).as(member.toString()).isEqualTo(201);
    String memberId = member.json().get("id").asString();
    Http.Answer added = Http.call("POST", coordinatorsUrl(system, group), carolToken, Map.of("memberId", memberId));
    assertThat(added.status()).as(added.toString()).isEqualTo(200);
    // The account and its password, as an invitation would have made them; the right itself comes from the group.
    String token = system.accounts().accessToken(new TestAccounts.Person(email, firstName, "Coordinateur",
        List.of(group), false));
    assertThat(Http.get(system.url("member-service") + "/api/groups/" + group + "/members/export", token)
        .status()).isEqualTo(200);
    return memberId;
  }

  /**
   * Logs in again until Keycloak's token no longer names the group (invitation-service writes the right from
   * member-service's record), then every service refuses that token, the export included.
   */
  private static void assertEveryCallRefusedWithTheNextToken(RosterSystem system, String group, String email) {
    Instant deadline = Instant.now().plusSeconds(120);
    String token = system.accounts().token(email, TestAccounts.PASSWORD);
    while (AttackerTokens.claims(token).path("roster_groups").toString().contains(group)
        && Instant.now().isBefore(deadline)) {
      TokensIT.pause();
      token = system.accounts().token(email, TestAccounts.PASSWORD);
    }
    assertThat(AttackerTokens.claims(token).path("roster_groups").toString()).doesNotContain(group);
    String members = system.url("member-service") + "/api/groups/" + group + "/members";
    for (String url : List.of(members, members + "/export", system.url("member-service") + "/api/groups/" + group,
        system.url("import-service") + "/api/groups/" + group + "/imports/" + UUID.randomUUID(),
        system.url("invitation-service") + "/api/groups/" + group + "/invitation-previews/" + UUID.randomUUID())) {
      Http.Answer answer = Http.get(url, token);
      assertThat(answer.status()).as(url + " → " + answer).isEqualTo(403);
      assertThat(answer.body()).doesNotContain("Carole");
    }
  }

  private static String coordinatorsUrl(RosterSystem system, String group) {
    return system.url("member-service") + "/api/groups/" + group + "/coordinators";
  }
}

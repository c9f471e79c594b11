package coop.roster.system.security;

import coop.roster.stack.Endpoints;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.system.RosterSystem;
import coop.roster.testing.Mailbox;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invitation links are not password resets, seen from the whole system: a member who already has a password is
 * invited to log in, never sent a set-password link, and Keycloak's links endpoint mints none for them nor for
 * anyone but invitation-service. The two-links scenario in Chromium (the first link dies once the second set the
 * password) is identity's {@code InvitationBrowserIT.everyOtherLinkOfTheAccountDiesOnceAPasswordIsSet}.
 */
@ExtendWith(RosterSystem.class)
class LinksIT {

  @Test
  void aMemberWhoHasAPasswordIsInvitedToLogInWithoutASetPasswordLink(RosterSystem system) throws Exception {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String coordinator = "olga@" + group + ".example";
    String member = "paul@" + group + ".example";
    system.createGroup(group, "AMAP des Comptes", coordinator, "Olga", "Petit");
    String token = system.accounts().token(coordinator, TestAccounts.PASSWORD);
    Http.Answer created = Http.call("POST", system.url("member-service") + "/api/groups/" + group + "/members",
        token, Map.of("email", member, "firstName", "Paul", "lastName", "Durand"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    system.accounts().accessToken(TestAccounts.Person.member(member));

    Http.Answer invited = Http.call("POST", system.url("member-service") + "/api/groups/" + group + "/invitations",
        token, Map.of("memberIds", List.of(created.json().get("id").asString())));
    assertThat(invited.status()).as(invited.toString()).isEqualTo(202);

    String text = Mailbox.text(awaitMail(system, member));
    assertThat(text).contains("Mot de passe oublié ?").doesNotContain("login-actions/action-token", "key=");
    assertThat(system.accounts().token(member, TestAccounts.PASSWORD)).isNotBlank();
  }

  @Test
  void keycloakMintsNoLinkForAnAccountWithAPasswordNorForAnyoneButInvitationService(RosterSystem system) {
    String member = "quentin-" + UUID.randomUUID().toString().substring(0, 8) + "@links.example";
    system.accounts().accessToken(TestAccounts.Person.member(member));
    String keycloak = system.infrastructure().environment().get(Endpoints.KEYCLOAK_URL);
    String links = keycloak + "/realms/roster/invitations/links";
    Map<String, Object> body = Map.of("clientId", "gateway", "redirectUri", system.gatewayUrl() + "/",
        "lifetimeSeconds", 3600, "emails", List.of(member));

    Http.Answer issued = Http.call("POST", links, invitationServiceToken(keycloak), body);
    assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
    JsonNode link = issued.json().path("links").path(0);
    assertThat(link.path("error").asString()).isEqualTo("has-password");
    assertThat(link.has("link")).isFalse();

    String coordinator = system.accounts().coordinatorToken("rachel@links.example", "amap-links");
    String admin = system.accounts().platformAdminToken("root@links.example");
    for (String token : List.of(coordinator, admin)) {
      Http.Answer refused = Http.call("POST", links, token, body);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
      assertThat(refused.body()).doesNotContain("action-token");
    }
    assertThat(Http.call("POST", links, null, body).status()).isEqualTo(401);
  }

  /** invitation-service's own token (client credentials, the local-development secret the realm file has). */
  private static String invitationServiceToken(String keycloak) {
    Http.Answer answer = Http.form(keycloak + "/realms/roster/protocol/openid-connect/token",
        Map.of("grant_type", "client_credentials", "client_id", "invitation-service",
            "client_secret", "local-dev-invitation-service-secret"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json().get("access_token").asString();
  }

  private static MimeMessage awaitMail(RosterSystem system, String email) {
    Mailbox mailbox = Mailbox.at(system.mailApiUrl());
    Instant deadline = Instant.now().plusSeconds(120);
    List<MimeMessage> mails = mailbox.messages(email);
    while (mails.isEmpty() && Instant.now().isBefore(deadline)) {
      TokensIT.pause();
      mails = mailbox.messages(email);
    }
    assertThat(mails).as("the invitation mail to " + email).isNotEmpty();
    return mails.getFirst();
  }
}

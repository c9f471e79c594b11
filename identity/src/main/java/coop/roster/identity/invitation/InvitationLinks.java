package coop.roster.identity.invitation;

import jakarta.ws.rs.core.UriInfo;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.resources.LoginActionsService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Mints the invitation links of one batch; each e-mail is answered on its own. */
final class InvitationLinks {

  static final String PLATFORM_ADMIN = "platform-admin";

  private final KeycloakSession session;
  private final RealmModel realm;
  /** Roles whose holders administer Roster or the realm: they never get an invitation link. */
  private final List<RoleModel> administratorRoles;

  InvitationLinks(KeycloakSession session) {
    this.session = session;
    this.realm = session.getContext().getRealm();
    ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
    this.administratorRoles = Stream.concat(
            Stream.of(realm.getRole(PLATFORM_ADMIN), realm.getRole(InvitationLinksResource.INVITATION_ISSUER)),
            realmManagement == null ? Stream.empty() : realmManagement.getRolesStream())
        .filter(Objects::nonNull)
        .toList();
  }

  List<LinkAnswer> mint(List<String> emails, ClientModel client, String redirectUri, long lifetimeSeconds) {
    int expiresAt = Math.toIntExact(Time.currentTime() + lifetimeSeconds);
    // The public address of the realm, even when the caller reaches Keycloak by an internal one.
    UriInfo frontend = session.getContext().getUri();
    List<LinkAnswer> answers = new ArrayList<>(emails.size());
    for (String email : emails) {
      answers.add(mint(email, client, redirectUri, expiresAt, frontend));
    }
    return answers;
  }

  private LinkAnswer mint(String email, ClientModel client, String redirectUri, int expiresAt, UriInfo frontend) {
    UserModel user = email == null || email.isBlank() ? null : session.users().getUserByEmail(realm, email.strip());
    if (user == null) {
      return LinkAnswer.error(email, LinkAnswer.UNKNOWN_USER);
    }
    if (!user.isEnabled()) {
      return LinkAnswer.error(email, LinkAnswer.DISABLED_USER);
    }
    if (user.getServiceAccountClientLink() != null || administratorRoles.stream().anyMatch(user::hasRole)) {
      return LinkAnswer.error(email, LinkAnswer.NOT_INVITABLE);
    }
    if (hasPassword(user)) {
      return LinkAnswer.error(email, LinkAnswer.HAS_PASSWORD);
    }
    InvitationActionToken token = new InvitationActionToken(user.getId(), user.getEmail(), expiresAt,
        client.getClientId(), redirectUri);
    String link = LoginActionsService.actionTokenProcessor(frontend)
        .queryParam(Constants.KEY, token.serialize(session, realm, frontend))
        .queryParam(Constants.CLIENT_ID, client.getClientId())
        .build(realm.getName()).toString();
    return LinkAnswer.link(email, link, Instant.ofEpochSecond(expiresAt));
  }

  /** An invitation sets a first password: an account that has one is invited to log in instead. */
  static boolean hasPassword(UserModel user) {
    return user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE);
  }
}

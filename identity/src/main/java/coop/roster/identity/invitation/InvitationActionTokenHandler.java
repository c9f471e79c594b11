package coop.roster.identity.invitation;

import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.TokenVerifier.Predicate;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.authentication.actiontoken.TokenUtils;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Opens an invitation link: Keycloak's own set-password page (required action
 * {@code UPDATE_PASSWORD}), then a logged-in session and a redirect to the link's URI.
 *
 * <p>Unlike Keycloak's "execute actions" links, which end on an "account updated" page, the member
 * goes straight on into the application: the flow ends like a login, with Keycloak's session
 * cookie set and a redirect to the application without an authorization code
 * ({@code response_type=none}); the application's own authorization request is then answered at
 * once from that session. A link works once ({@link #canUseTokenRepeatedly}), until it expires, and only
 * while the account has no password.
 */
public final class InvitationActionTokenHandler extends AbstractActionTokenHandler<InvitationActionToken> {

  /** The login theme's message for a link whose account has a password already. */
  static final String PASSWORD_ALREADY_SET = "rosterInvitationPasswordAlreadySetMessage";

  public InvitationActionTokenHandler() {
    super(InvitationActionToken.TOKEN_TYPE, InvitationActionToken.class, Messages.INVALID_CODE,
        EventType.EXECUTE_ACTIONS, Errors.NOT_ALLOWED);
  }

  @Override
  public Predicate<? super InvitationActionToken>[] getVerifiers(ActionTokenContext<InvitationActionToken> context) {
    return TokenUtils.predicates(
        TokenUtils.checkThat(token -> RedirectUtils.verifyRedirectUri(context.getSession(), token.getRedirectUri(),
            context.getAuthenticationSession().getClient()) != null, Errors.INVALID_REDIRECT_URI,
            Messages.INVALID_REDIRECT_URI),
        // A link minted before the member's e-mail changed no longer opens their account.
        verifyEmail(context),
        // Invitations set a first password: once the account has one (from any link, "forgot password" or an
        // administrator), every invitation link of the account is dead.
        TokenUtils.checkThat(token -> !hasPassword(context, token), Errors.NOT_ALLOWED, PASSWORD_ALREADY_SET));
  }

  private static boolean hasPassword(ActionTokenContext<InvitationActionToken> context, InvitationActionToken token) {
    UserModel user = context.getSession().users().getUserById(context.getRealm(), token.getUserId());
    return user != null && InvitationLinks.hasPassword(user);
  }

  @Override
  public AuthenticationSessionModel startFreshAuthenticationSession(InvitationActionToken token,
      ActionTokenContext<InvitationActionToken> context) {
    // Without END_AFTER_REQUIRED_ACTIONS, which the default sets: the flow goes on to a login.
    return context.createAuthenticationSessionForClient(token.getIssuedFor());
  }

  @Override
  public Response handleToken(InvitationActionToken token, ActionTokenContext<InvitationActionToken> context) {
    AuthenticationSessionModel authSession = context.getAuthenticationSession();
    String redirectUri = RedirectUtils.verifyRedirectUri(context.getSession(), token.getRedirectUri(),
        authSession.getClient());
    authSession.setRedirectUri(redirectUri);
    authSession.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, redirectUri);
    authSession.setClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, OIDCResponseType.NONE);
    authSession.setClientNote(OAuth2Constants.SCOPE, OAuth2Constants.SCOPE_OPENID);
    authSession.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
    // The link's language (that of the mail) outlives the redirect to the set-password page, and wins over the
    // browser's: Keycloak reads this note before the account's locale and Accept-Language.
    String language = context.getUriInfo().getQueryParameters().getFirst(LocaleSelectorProvider.KC_LOCALE_PARAM);
    if (language != null && !language.isBlank()) {
      authSession.setAuthNote(LocaleSelectorProvider.USER_REQUEST_LOCALE, language.strip());
    }

    // The link reached the member's mailbox: that proves the address.
    authSession.getAuthenticatedUser().setEmailVerified(true);

    String nextAction = AuthenticationManager.nextRequiredAction(context.getSession(), authSession,
        context.getRequest(), context.getEvent());
    return AuthenticationManager.redirectToRequiredActions(context.getSession(), context.getRealm(), authSession,
        context.getUriInfo(), nextAction);
  }

  @Override
  public boolean canUseTokenRepeatedly(InvitationActionToken token, ActionTokenContext<InvitationActionToken> context) {
    return false;
  }
}

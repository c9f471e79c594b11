package coop.roster.identity.invitation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /realms/{realm}/invitations/links}: for a batch of e-mails, a set-password link each.
 * Callable only with a bearer token of this realm carrying the realm role
 * {@value #INVITATION_ISSUER} (invitation-service's service account).
 *
 * <p>Request {@code {"clientId", "redirectUri", "lifetimeSeconds", "emails": [...]}}; answer
 * {@code {"links": [{"email", "link", "expiresAt"} or {"email", "error"}]}}, in the order asked.
 * A request that cannot be served at all gets RFC 9457 problem details, French unless
 * {@code Accept-Language} prefers English.
 */
final class InvitationLinksResource implements RealmResourceProvider {

  static final String INVITATION_ISSUER = "invitation-issuer";

  private final KeycloakSession session;
  private final InvitationLimits limits;

  InvitationLinksResource(KeycloakSession session, InvitationLimits limits) {
    this.session = session;
    this.limits = limits;
  }

  @Override
  public Object getResource() {
    return this;
  }

  @POST
  @Path("links")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, ProblemResponses.PROBLEM_JSON})
  public Response mint(byte[] body) {
    ProblemResponses problems = new ProblemResponses(locale(session.getContext().getRequestHeaders()));
    Optional<Problem> refusal = authorise();
    if (refusal.isPresent()) {
      return problems.of(refusal.get(), limits);
    }
    LinksRequest request;
    try {
      request = JsonSerialization.readValue(body, LinksRequest.class);
    } catch (IOException | RuntimeException e) {
      return problems.of(Problem.UNREADABLE_BODY, limits);
    }
    if (request == null) {
      return problems.of(Problem.UNREADABLE_BODY, limits);
    }
    Optional<Problem> problem = request.problem(limits);
    if (problem.isPresent()) {
      return problems.of(problem.get(), limits);
    }
    ClientModel client = session.clients().getClientByClientId(session.getContext().getRealm(), request.clientId());
    if (client == null || !client.isEnabled()) {
      return problems.of(Problem.UNKNOWN_CLIENT, limits);
    }
    String redirectUri = RedirectUtils.verifyRedirectUri(session, request.redirectUri(), client);
    if (redirectUri == null) {
      return problems.of(Problem.REDIRECT_URI_NOT_ALLOWED, limits);
    }
    List<LinkAnswer> links = new InvitationLinks(session).mint(request.emails(), client, redirectUri,
        request.lifetimeSeconds());
    return Response.ok(json(new LinksAnswer(links)), MediaType.APPLICATION_JSON_TYPE).build();
  }

  private Optional<Problem> authorise() {
    if (AppAuthManager.extractAuthorizationHeaderTokenOrReturnNull(session.getContext().getRequestHeaders()) == null) {
      return Optional.of(Problem.UNAUTHENTICATED);
    }
    AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
    if (auth == null) {
      return Optional.of(Problem.UNAUTHENTICATED);
    }
    AccessToken.Access realmAccess = auth.token().getRealmAccess();
    if (realmAccess == null || !realmAccess.isUserInRole(INVITATION_ISSUER)) {
      return Optional.of(Problem.NOT_AN_INVITATION_ISSUER);
    }
    return Optional.empty();
  }

  /** English when the caller prefers it, French otherwise (the product's default). */
  static Locale locale(HttpHeaders headers) {
    for (Locale acceptable : headers.getAcceptableLanguages()) {
      if (acceptable.getLanguage().equals("en")) {
        return Locale.ENGLISH;
      }
      if (acceptable.getLanguage().equals("fr")) {
        return Locale.FRENCH;
      }
    }
    return Locale.FRENCH;
  }

  static String json(Object value) {
    try {
      return JsonSerialization.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
  }
}

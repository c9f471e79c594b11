package coop.roster.invitation.keycloak;

import coop.roster.invitation.InvitationSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Set-password links from the identity extension ({@code POST /realms/roster/invitations/links}), minted
 * in batches: each link works once, until it expires, only while the account has no password, and lands
 * the member at the public URL logged in. An account with a password gets no link ({@code has-password}).
 */
@Component
public class InvitationLinks {

  /** The extension's own limit per call ({@code max-emails}). */
  static final int MAX_PER_CALL = 500;

  /** The link of one e-mail, or why there is none ({@link #UNKNOWN_USER} and the others). */
  public record Link(String email, String link, Instant expiresAt, String error) {

    public static final String UNKNOWN_USER = "unknown-user";
    public static final String DISABLED_USER = "disabled-user";
    public static final String NOT_INVITABLE = "not-invitable";
    /** The account has a password: Keycloak mints no set-password link for it. */
    public static final String HAS_PASSWORD = "has-password";

    public boolean minted() {
      return link != null && error == null;
    }

    /** The member has an account with a password: they are invited to log in instead. */
    public boolean hasPassword() {
      return HAS_PASSWORD.equals(error);
    }
  }

  record LinksRequest(String clientId, String redirectUri, long lifetimeSeconds, List<String> emails) {
  }

  record LinksAnswer(List<LinkAnswer> links) {
  }

  record LinkAnswer(String email, String link, String expiresAt, String error) {
  }

  private final RestClient keycloak;
  private final InvitationSettings settings;

  InvitationLinks(RestClient keycloakRestClient, InvitationSettings settings) {
    this.keycloak = keycloakRestClient;
    this.settings = settings;
  }

  /**
   * The link opening Keycloak's pages in the mail's language whatever the browser prefers: the identity extension
   * carries {@code kc_locale} from the link to the set-password page.
   */
  public static String inLanguage(String link, Locale language) {
    return UriComponentsBuilder.fromUriString(link).replaceQueryParam("kc_locale", language.getLanguage())
        .build(true).toUriString();
  }

  /**
   * A link per e-mail, in the order asked.
   *
   * @throws KeycloakUnavailableException when Keycloak cannot serve the batch now (or refuses the
   *                                      configured client or redirect, which an operator must fix)
   */
  public List<Link> mint(List<String> emails) {
    List<Link> links = new ArrayList<>(emails.size());
    for (int from = 0; from < emails.size(); from += MAX_PER_CALL) {
      links.addAll(mintBatch(emails.subList(from, Math.min(emails.size(), from + MAX_PER_CALL))));
    }
    return links;
  }

  private List<Link> mintBatch(List<String> emails) {
    LinksRequest request = new LinksRequest(settings.linkClientId(), settings.publicBase() + "/",
        settings.linkLifetime().toSeconds(), emails);
    LinksAnswer answer = Accounts.call(() -> {
      try {
        return keycloak.post().uri("/realms/{realm}/invitations/links", KeycloakConfiguration.REALM)
            .header("Accept-Language", "en").body(request).retrieve().body(LinksAnswer.class);
      } catch (RestClientResponseException e) {
        if (e.getStatusCode().is4xxClientError() && e.getStatusCode().value() != 401
            && e.getStatusCode().value() != 403) {
          // unknown-client, redirect-uri-not-allowed...: the configuration is wrong; retrying shows it in the logs.
          throw new KeycloakUnavailableException("Keycloak refuses the links request: "
              + e.getResponseBodyAsString(), e);
        }
        throw e;
      }
    });
    if (answer == null || answer.links() == null || answer.links().size() != emails.size()) {
      throw new KeycloakUnavailableException("Keycloak answered " + (answer == null || answer.links() == null ? 0
          : answer.links().size()) + " links for " + emails.size() + " e-mails", null);
    }
    return answer.links().stream().map(link -> new Link(link.email(), link.link(),
        link.expiresAt() == null ? null : Instant.parse(link.expiresAt()), link.error())).toList();
  }
}

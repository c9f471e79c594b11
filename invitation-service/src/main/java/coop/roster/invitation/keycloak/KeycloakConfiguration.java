package coop.roster.invitation.keycloak;

import coop.roster.invitation.InvitationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * One HTTP client for Keycloak, authenticated as invitation-service's service account (client
 * credentials, token renewed by Spring Security). Plain REST rather than keycloak-admin-client: the
 * links endpoint is not in the admin client anyway, and it would bring RESTEasy and Jackson 2 next to
 * Boot's own HTTP client and Jackson 3 for the four calls Roster makes.
 */
@Configuration(proxyBeanMethods = false)
class KeycloakConfiguration {

  static final String REGISTRATION = "keycloak";
  static final String REALM = "roster";

  /** Consumers call Keycloak outside any web request: the service acts as itself. */
  private static final Authentication SERVICE = new AnonymousAuthenticationToken("invitation-service",
      "invitation-service", AuthorityUtils.createAuthorityList("ROLE_SERVICE"));

  @Bean
  OAuth2AuthorizedClientManager keycloakClientManager(ClientRegistrationRepository registrations,
      OAuth2AuthorizedClientService clients) {
    return new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
  }

  @Bean
  RestClient keycloakRestClient(RestClient.Builder builder, OAuth2AuthorizedClientManager manager,
      OAuth2AuthorizedClientService clients, InvitationSettings settings) {
    OAuth2ClientHttpRequestInterceptor token = new OAuth2ClientHttpRequestInterceptor(manager);
    token.setClientRegistrationIdResolver(request -> REGISTRATION);
    token.setPrincipalResolver(request -> SERVICE);
    // A token Keycloak refuses (restarted with a new key, session ended) is forgotten and fetched again.
    token.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(clients));
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).build());
    requests.setReadTimeout(Duration.ofSeconds(60));
    return builder.clone()
        .baseUrl(settings.keycloak().url().toString())
        .requestFactory(requests)
        .requestInterceptor(token)
        .build();
  }
}

package coop.roster.gateway.security;

import coop.roster.gateway.GatewaySettings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Every page and API call needs a logged-in person, except the public help pages, the assets and the
 * probes. Pages send a visitor to Keycloak's login; {@code /api/**} answers 401 instead. Every form
 * carries a CSRF token (Thymeleaf adds it); a post without it gets the "page expired" page.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** Public pages and assets; everything else needs a login. */
  static final String[] PUBLIC = {"/comment-se-connecter", "/how-to-log-in", "/deconnecte", "/logged-out",
      "/page-expiree", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error",
      "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus"};

  @Bean
  ClientRegistrationRepository clientRegistrations(GatewaySettings settings) {
    return new InMemoryClientRegistrationRepository(KeycloakClient.registration(settings.keycloak()));
  }

  /** The user's tokens live in their server-side session, never in the browser. */
  @Bean
  OAuth2AuthorizedClientRepository authorizedClients() {
    return new HttpSessionOAuth2AuthorizedClientRepository();
  }

  /** Hands out the user's access token, refreshed with the refresh token when it expired (5 minutes). */
  @Bean
  OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
      OAuth2AuthorizedClientRepository clients) {
    DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
    manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
        .authorizationCode().refreshToken().build());
    return manager;
  }

  @Bean
  SecurityFilterChain web(HttpSecurity http, ClientRegistrationRepository registrations, LocaleResolver locales,
      GatewaySettings settings) throws Exception {
    DefaultOAuth2AuthorizationRequestResolver authorizationRequests =
        new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
    // Keycloak's pages in the language the person chose here.
    authorizationRequests.setAuthorizationRequestCustomizer(request -> request.additionalParameters(
        parameters -> parameters.put("ui_locales", locales.resolveLocale(currentRequest()).getLanguage())));

    OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    logout.setPostLogoutRedirectUri("{baseUrl}/deconnecte");

    AccessDeniedHandlerImpl expired = new AccessDeniedHandlerImpl();
    expired.setErrorPage("/page-expiree");

    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(PUBLIC).permitAll()
            .anyRequest().authenticated())
        .oauth2Login(login -> login
            .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests)))
        .logout(out -> out.logoutSuccessHandler(logout))
        .exceptionHandling(handling -> handling
            .authenticationEntryPoint(entryPoint())
            // Only the CSRF check denies here: pages of other groups are refused by the services.
            .accessDeniedHandler(expired))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(settings)))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
            .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
        .build();
  }

  /**
   * A visitor is sent to Keycloak's login page; an API client gets a 401, not a login page; a live part
   * of a page (htmx) gets one too, telling it to reload the page, which then goes to the login.
   */
  private static AuthenticationEntryPoint entryPoint() {
    return new DelegatingAuthenticationEntryPoint(
        new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + KeycloakClient.REGISTRATION_ID),
        new RequestMatcherEntry<>(pathPattern("/api/**"), new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)),
        new RequestMatcherEntry<>(new RequestHeaderRequestMatcher("HX-Request", "true"), new HtmxReloadEntryPoint()));
  }

  /**
   * Scripts, styles and images from the gateway only, never inline; forms post here, or end at
   * Keycloak (logout, a login after the session ended); no framing.
   */
  static String contentSecurityPolicy(GatewaySettings settings) {
    String keycloak = origin(settings.keycloak().url().toString());
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self' " + keycloak + "; frame-ancestors 'none'; "
        + "base-uri 'self'; object-src 'none'";
  }

  private static String origin(String url) {
    java.net.URI uri = java.net.URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static HttpServletRequest currentRequest() {
    return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
  }
}

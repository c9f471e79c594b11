package coop.roster.gateway.backend;

import coop.roster.gateway.GatewaySettings;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpClient;

/**
 * One {@link RestClient} per service, at {@code http://<service-id>}: the load balancer picks an
 * instance; the user's access token (refreshed when needed) and language go with every call; an error
 * answer becomes a {@link BackendProblem}, no answer a {@link BackendUnavailable}.
 *
 * <p>Each client is built from a builder of its own: no {@code RestClient.Builder} bean is declared
 * here, so the proxy of the {@code /api/**} routes keeps Spring Boot's, without these interceptors.
 */
@Configuration(proxyBeanMethods = false)
class BackendClients {

  private final RestClientBuilderConfigurer boot;
  private final DeferringLoadBalancerInterceptor loadBalancer;
  private final GatewaySettings.Backends backends;
  private final OAuth2AuthorizedClientManager authorizedClients;
  private final OAuth2AuthorizedClientRepository authorizedClientRepository;
  private final JsonMapper json;

  BackendClients(RestClientBuilderConfigurer boot, DeferringLoadBalancerInterceptor loadBalancer,
      GatewaySettings settings, OAuth2AuthorizedClientManager authorizedClients,
      OAuth2AuthorizedClientRepository authorizedClientRepository, JsonMapper json) {
    this.boot = boot;
    this.loadBalancer = loadBalancer;
    this.backends = settings.backends();
    this.authorizedClients = authorizedClients;
    this.authorizedClientRepository = authorizedClientRepository;
    this.json = json;
  }

  @Bean
  RestClient memberServiceClient() {
    return to(Backend.MEMBER_SERVICE);
  }

  @Bean
  RestClient importServiceClient() {
    return to(Backend.IMPORT_SERVICE);
  }

  @Bean
  RestClient invitationServiceClient() {
    return to(Backend.INVITATION_SERVICE);
  }

  private RestClient to(Backend backend) {
    OAuth2ClientHttpRequestInterceptor userToken = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
    userToken.setClientRegistrationIdResolver(request -> "keycloak");
    // A token a service refuses (401, 403 invalid_token) is forgotten, so the next call gets a fresh one.
    userToken.setAuthorizationFailureHandler(
        OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClientRepository));
    ClientHttpRequestInterceptor language = (request, body, execution) -> {
      request.getHeaders().set(HttpHeaders.ACCEPT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag());
      return execution.execute(request, body);
    };
    ProblemReader problems = new ProblemReader(backend, json);
    // Boot's message converters (its JsonMapper) and observations, then the timeouts of the settings.
    return boot.configure(RestClient.builder())
        .requestFactory(ClientHttpRequestFactoryBuilder.jdk()
            .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
            .build(HttpClientSettings.defaults().withTimeouts(backends.connectTimeout(), backends.readTimeout())))
        .baseUrl("http://" + backend.serviceId())
        // In this order: the outermost also sees the failures of the token and of the load balancer.
        .requestInterceptor(unavailableWhenUnreachable(backend))
        .requestInterceptor(language)
        .requestInterceptor(userToken)
        .requestInterceptor(loadBalancer)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
          throw problems.read(response);
        })
        .build();
  }

  /** No connection, a timeout, or no instance at all: the service is away. */
  private static ClientHttpRequestInterceptor unavailableWhenUnreachable(Backend backend) {
    return (request, body, execution) -> {
      try {
        return execution.execute(request, body);
      } catch (IOException e) {
        throw new BackendUnavailable(backend, e.toString(), e);
      } catch (IllegalStateException e) {
        if (String.valueOf(e.getMessage()).startsWith("No instances available")) {
          throw new BackendUnavailable(backend, e.getMessage(), e);
        }
        throw e;
      }
    };
  }
}

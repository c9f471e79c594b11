package coop.roster.gateway.backend;

import coop.roster.gateway.GatewaySettings;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
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
 */
@Configuration(proxyBeanMethods = false)
class BackendClients {

  /** The builder the load balancer instruments ({@code @LoadBalanced}); each client starts from a copy. */
  @Bean
  @LoadBalanced
  RestClient.Builder backendClientBuilder(RestClientBuilderConfigurer boot, GatewaySettings settings,
      OAuth2AuthorizedClientManager authorizedClients, OAuth2AuthorizedClientRepository authorizedClientRepository) {
    OAuth2ClientHttpRequestInterceptor userToken = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
    userToken.setClientRegistrationIdResolver(request -> "keycloak");
    // A token a service refuses (401, 403 invalid_token) is forgotten, so the next call gets a fresh one.
    userToken.setAuthorizationFailureHandler(
        OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClientRepository));
    ClientHttpRequestInterceptor language = (request, body, execution) -> {
      request.getHeaders().set(HttpHeaders.ACCEPT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag());
      return execution.execute(request, body);
    };
    GatewaySettings.Backends backends = settings.backends();
    // Boot's message converters (its JsonMapper) and observations, then the timeouts of the settings.
    return boot.configure(RestClient.builder())
        .requestFactory(ClientHttpRequestFactoryBuilder.jdk()
            .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
            .build(HttpClientSettings.defaults().withTimeouts(backends.connectTimeout(), backends.readTimeout())))
        .requestInterceptor(language)
        .requestInterceptor(userToken);
  }

  @Bean
  RestClient memberServiceClient(@LoadBalanced RestClient.Builder builder, JsonMapper json) {
    return client(builder, Backend.MEMBER_SERVICE, json);
  }

  @Bean
  RestClient importServiceClient(@LoadBalanced RestClient.Builder builder, JsonMapper json) {
    return client(builder, Backend.IMPORT_SERVICE, json);
  }

  @Bean
  RestClient invitationServiceClient(@LoadBalanced RestClient.Builder builder, JsonMapper json) {
    return client(builder, Backend.INVITATION_SERVICE, json);
  }

  private static RestClient client(RestClient.Builder builder, Backend backend, JsonMapper json) {
    ProblemReader problems = new ProblemReader(backend, json);
    return builder.clone()
        .baseUrl("http://" + backend.serviceId())
        // First in the chain, so it also sees the load balancer's and the token's failures.
        .requestInterceptors(interceptors -> interceptors.addFirst(unavailableWhenUnreachable(backend)))
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

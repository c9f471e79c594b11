package coop.roster.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What a service gets by depending on this module: an OAuth2 resource server whose tokens Spring Boot checks
 * from {@code spring.security.oauth2.resourceserver.jwt.*} (issuer, keys, {@code roster-api} audience); every
 * call needs a token but the open paths ({@link #OPEN_PATHS}); 401 and 403 as problem details; the bean
 * {@code groupAccess} for group rules; and {@link ProblemReplies} unless the service declares its own.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
    OAuth2ResourceServerAutoConfiguration.class, WebMvcAutoConfiguration.class},
    // A service that also calls others as an OAuth2 client (invitation-service) keeps this chain, not a login one.
    beforeName = "org.springframework.boot.security.oauth2.client.autoconfigure.servlet."
        + "OAuth2ClientWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
public class WebEdgeAutoConfiguration {

  /** Health probes, metrics, the API's description and Spring's error page: open to all, as they always were. */
  public static final String[] OPEN_PATHS = {"/actuator/health", "/actuator/health/**", "/actuator/info",
      "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"};

  @Bean
  SecurityFilterChain api(HttpSecurity http, MessageSource messages, LocaleResolver locales,
      ObjectProvider<ApiRules> serviceRules) {
    Refusals refusals = new Refusals(new EdgeMessages(messages), locales);
    return http
        .authorizeHttpRequests(requests -> {
          requests.requestMatchers(OPEN_PATHS).permitAll();
          serviceRules.orderedStream().forEach(rules -> rules.configure(requests));
          requests.anyRequest().authenticated();
        })
        .oauth2ResourceServer(server -> server
            .jwt(Customizer.withDefaults())
            .authenticationEntryPoint(refusals::unauthenticated)
            .accessDeniedHandler(refusals::denied)
            .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
              @Override
              public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                // Keys that cannot be fetched (Keycloak down or slow) are not a bad token: 503, not 500 or 401.
                filter.setAuthenticationFailureHandler(refusals::failed);
                return filter;
              }
            }))
        .exceptionHandling(handling -> handling
            .authenticationEntryPoint(refusals::unauthenticated)
            .accessDeniedHandler(refusals::denied))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // A stateless API called with bearer tokens: no cookie a forged request could carry, so no CSRF.
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean("groupAccess")
  @ConditionalOnMissingBean
  GroupAccess groupAccess() {
    return new GroupAccess();
  }

  @Bean
  @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
  ProblemReplies problemReplies(MessageSource messages) {
    return new ProblemReplies(messages);
  }
}

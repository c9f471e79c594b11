package coop.roster.invitation.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/**
 * An OAuth2 resource server on realm {@code roster}: every API call needs a token whose audience is
 * {@code roster-api}; probes, Prometheus and the API description stay open. Group rules are on the
 * controllers ({@link GroupAccess}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(HttpSecurity http, MessageSource messages, LocaleResolver locales) throws Exception {
    BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    ProblemWriter problems = new ProblemWriter(messages, locales);
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus",
                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(server -> server
            .jwt(jwt -> { })
            .authenticationEntryPoint((request, response, exception) -> {
              bearerEntryPoint.commence(request, response, exception);
              problems.write(request, response, HttpStatus.UNAUTHORIZED, "problem.unauthorized");
            })
            .accessDeniedHandler((request, response, exception) -> {
              bearerDenied.handle(request, response, exception);
              problems.write(request, response, HttpStatus.FORBIDDEN, "problem.forbidden");
            }))
        .exceptionHandling(handling -> handling
            .accessDeniedHandler((request, response, exception) ->
                problems.write(request, response, HttpStatus.FORBIDDEN, "problem.forbidden")))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // A stateless API called with bearer tokens: no cookies, so no CSRF to guard against.
        .csrf(csrf -> csrf.disable())
        // The OAuth2 client is only invitation-service's own service account, never a browser login.
        .oauth2Client(client -> client.disable())
        .build();
  }

  /** Writes a problem detail from the security filters, where Spring MVC's handler does not reach. */
  private record ProblemWriter(MessageSource messages, LocaleResolver locales) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
        throws IOException {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
          messages.getMessage(code, null, locales.resolveLocale(request)));
      problem.setInstance(URI.create(request.getRequestURI()));
      response.setStatus(status.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      JSON.writeValue(response.getOutputStream(), problem);
    }
  }
}

package coop.roster.imports.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource server on realm {@code roster}: tokens must name the {@code roster-api} audience
 * (application.yml); a group's imports are for its coordinators; probes, metrics and the API's
 * description stay open. Refusals are problem details like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(HttpSecurity http, MessageSource messages, LocaleResolver locales, JsonMapper json) {
    var refusals = new Refusals(messages, locales, json);
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
            .permitAll()
            .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
            .requestMatchers("/api/groups/{groupId}/imports", "/api/groups/{groupId}/imports/**")
            .access(new GroupCoordinators())
            .anyRequest().authenticated())
        .oauth2ResourceServer(server -> server
            .jwt(Customizer.withDefaults())
            .authenticationEntryPoint(refusals::unauthenticated)
            .accessDeniedHandler(refusals::denied))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(refusals::unauthenticated)
            .accessDeniedHandler(refusals::denied))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())  // bearer tokens only: no cookie a forged request could carry
        .build();
  }

  /** 401 and 403 as problem details, keeping the {@code WWW-Authenticate} header of RFC 6750. */
  private record Refusals(MessageSource messages, LocaleResolver locales, JsonMapper json) {

    private static final BearerTokenAuthenticationEntryPoint BEARER = new BearerTokenAuthenticationEntryPoint();
    private static final BearerTokenAccessDeniedHandler BEARER_DENIED = new BearerTokenAccessDeniedHandler();

    void unauthenticated(HttpServletRequest request, HttpServletResponse response,
        org.springframework.security.core.AuthenticationException e) throws IOException {
      BEARER.commence(request, response, e);
      write(request, response, HttpStatus.UNAUTHORIZED, "security.unauthenticated");
    }

    void denied(HttpServletRequest request, HttpServletResponse response,
        org.springframework.security.access.AccessDeniedException e) throws IOException {
      BEARER_DENIED.handle(request, response, e);
      write(request, response, HttpStatus.FORBIDDEN, "security.forbidden");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
        throws IOException {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "about:blank");
      problem.put("title", status.getReasonPhrase());
      problem.put("status", status.value());
      problem.put("detail", messages.getMessage(code, null, locales.resolveLocale(request)));
      problem.put("instance", request.getRequestURI());
      response.setStatus(status.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      json.writeValue(response.getOutputStream(), problem);
    }
  }
}

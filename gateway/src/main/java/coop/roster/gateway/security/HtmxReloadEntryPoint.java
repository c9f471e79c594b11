package coop.roster.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A live part of a page (a progress bar polling) whose session ended: htmx would put Keycloak's login
 * page inside the bar. It gets a 401 telling htmx to reload the whole page instead, which then goes to
 * the login as any page does.
 */
final class HtmxReloadEntryPoint implements AuthenticationEntryPoint {

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("HX-Refresh", "true");
  }
}

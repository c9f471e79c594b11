package coop.roster.gateway.routing;

import coop.roster.gateway.backend.Backend;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.removeRequestHeader;
import static org.springframework.cloud.gateway.server.mvc.filter.LoadBalancerFilterFunctions.lb;
import static org.springframework.cloud.gateway.server.mvc.filter.TokenRelayFilterFunctions.tokenRelay;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.path;

/**
 * The API through the gateway, for a logged-in browser (session cookie, CSRF token on changes): each
 * path prefix to the service that owns it, the user's access token in place of the session cookie, which
 * no service receives. The more specific prefixes come first: imports and invitation previews live under a
 * group's path too.
 */
@Configuration(proxyBeanMethods = false)
class ApiRoutes {

  @Bean
  RouterFunction<ServerResponse> api(MessageSource messages, LocaleResolver locales) {
    return route("import-service")
        .route(path("/api/groups/*/imports", "/api/groups/*/imports/**", "/api/imports/**"), http())
        .filter(to(Backend.IMPORT_SERVICE))
        .build()
        .and(route("invitation-service")
            .route(path("/api/groups/*/invitation-previews/**"), http())
            .filter(to(Backend.INVITATION_SERVICE))
            .build())
        .and(route("member-service")
            .route(path("/api/groups", "/api/groups/**"), http())
            .filter(to(Backend.MEMBER_SERVICE))
            .build())
        .filter((request, next) -> {
          try {
            return next.handle(request);
          } catch (Exception e) {
            if (!unreachable(e)) {
              throw e;
            }
            // No instance answered: a problem detail in the caller's language, never a stack trace.
            return unavailable(request, messages, locales);
          }
        });
  }

  private static HandlerFilterFunction<ServerResponse, ServerResponse> to(Backend backend) {
    // The session cookie is the browser's key to the gateway: a service needs the token, never the key.
    return tokenRelay()
        .andThen(HandlerFilterFunction.ofRequestProcessor(removeRequestHeader(HttpHeaders.COOKIE)))
        .andThen(lb(backend.serviceId()));
  }

  /** A connection refused, reset or timed out, or no instance to send to. */
  static boolean unreachable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException
          || cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).startsWith("No instances")) {
        return true;
      }
    }
    return false;
  }

  private static ServerResponse unavailable(ServerRequest request, MessageSource messages, LocaleResolver locales) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        messages.getMessage("api.unavailable", null, locales.resolveLocale(request.servletRequest())));
    problem.setInstance(request.uri());
    return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header("Retry-After", "10").body(problem);
  }
}

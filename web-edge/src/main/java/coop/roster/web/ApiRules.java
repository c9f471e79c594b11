package coop.roster.web;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * URL rules a service adds to the edge's, before "every other call needs a token"; for rules that no
 * {@code @PreAuthorize} on a controller can say, such as a whole path reserved to a group's coordinators.
 */
@FunctionalInterface
public interface ApiRules {

  void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests);
}

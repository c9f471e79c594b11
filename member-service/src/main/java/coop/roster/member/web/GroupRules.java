package coop.roster.member.web;

import coop.roster.web.ApiRules;
import coop.roster.web.GroupAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A group's routes are for its coordinators (and the platform administrator), checked on the URL before anything
 * else: the controllers' {@code @PreAuthorize} runs only after the body was read and validated, so a form for
 * another group's id was answered with its field errors (400) instead of a refusal (403). The annotations stay, as
 * the rule each controller states.
 */
@Configuration(proxyBeanMethods = false)
class GroupRules {

  @Bean
  ApiRules groupRoutesForCoordinators(GroupAccess groupAccess) {
    return requests -> requests
        .requestMatchers("/api/groups/{groupId}", "/api/groups/{groupId}/**")
        .access(groupAccess.groupInPath("groupId"));
  }
}

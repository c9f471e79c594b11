package coop.roster.imports.web;

import coop.roster.web.ApiRules;
import coop.roster.web.GroupAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A group's imports are for its coordinators and the platform administrator, whatever the call. */
@Configuration(proxyBeanMethods = false)
class ImportRules {

  @Bean
  ApiRules groupImportsForCoordinators(GroupAccess groupAccess) {
    return requests -> requests
        .requestMatchers("/api/groups/{groupId}/imports", "/api/groups/{groupId}/imports/**")
        .access(groupAccess.groupInPath("groupId"));
  }
}

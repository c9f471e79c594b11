package coop.roster.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** A service as small as can be, on the edge: group pages behind {@code @PreAuthorize} and behind a URL rule. */
@SpringBootConfiguration
class EdgeTestApplication {

  @Bean
  ApiRules importsForCoordinators(GroupAccess groupAccess) {
    return requests -> requests.requestMatchers("/api/groups/{groupId}/imports/**")
        .access(groupAccess.groupInPath("groupId"));
  }

  @RestController
  static class ThingController {

    @GetMapping("/api/groups/{groupId}/things")
    @PreAuthorize("@groupAccess.allows(authentication, #groupId)")
    Map<String, Object> things(@PathVariable String groupId) {
      Caller caller = GroupAccess.caller();
      return Map.of("group", groupId, "email", caller.email(), "name", caller.name());
    }

    @GetMapping("/api/groups/{groupId}/things/{thingId}")
    @PreAuthorize("@groupAccess.allows(authentication, #groupId)")
    Map<String, Object> thing(@PathVariable String groupId, @PathVariable String thingId) {
      throw new LocalizedProblem(HttpStatus.NOT_FOUND, Map.of("thingId", thingId), "problem.thing.unknown", thingId);
    }

    @GetMapping("/api/groups/{groupId}/imports/{importId}")
    Map<String, Object> anImport(@PathVariable String groupId, @PathVariable String importId) {
      return Map.of("id", importId);
    }

    @PostMapping("/api/things")
    Thing create(@Valid @RequestBody Thing thing) {
      return thing;
    }
  }

  record Thing(@NotBlank(message = "{thing.name.missing}") String name) {
  }
}

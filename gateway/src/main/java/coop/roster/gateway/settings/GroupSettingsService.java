package coop.roster.gateway.settings;

import coop.roster.gateway.roster.Group;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import java.util.Map;

/** A group's settings in member-service, with the coordinator's token; errors arrive as BackendProblem. */
@Service
class GroupSettingsService {

  private final RestClient client;

  GroupSettingsService(@Qualifier("memberServiceClient") RestClient client) {
    this.client = client;
  }

  /** Sets the language of mails to members without one of their own; answers the group as it now is. */
  Group changeLanguage(String groupId, String language) {
    return client.put().uri("/api/groups/{groupId}/settings", groupId)
        .body(Map.of("language", language == null ? "" : language)).retrieve().body(Group.class);
  }

  /** Sets the group's language and its automatic reminders in one request; answers the group as it now is. */
  Group change(String groupId, String language, Group.Reminders reminders) {
    return client.put().uri("/api/groups/{groupId}/settings", groupId)
        .body(Map.of("language", language == null ? "" : language, "reminders", reminders)).retrieve()
        .body(Group.class);
  }
}

package coop.roster.gateway.coordinators;

import coop.roster.gateway.roster.Group;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import java.util.Map;

/** A group's coordinators in member-service, with the coordinator's token; errors arrive as BackendProblem. */
@Service
class CoordinatorService {

  private final RestClient client;

  CoordinatorService(@Qualifier("memberServiceClient") RestClient client) {
    this.client = client;
  }

  /** Makes a member of the group one of its coordinators; answers the group as it now is. */
  Group add(String groupId, String memberId) {
    return client.post().uri("/api/groups/{groupId}/coordinators", groupId).body(Map.of("memberId", memberId))
        .retrieve().body(Group.class);
  }

  /** Takes the member off the group's coordinators; member-service refuses (409) to remove the last one. */
  Group remove(String groupId, String memberId) {
    return client.delete().uri("/api/groups/{groupId}/coordinators/{memberId}", groupId, memberId)
        .retrieve().body(Group.class);
  }
}

package coop.roster.gateway.members;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;

/**
 * Everything Roster holds about one member, gathered from each service's API with the coordinator's token (each
 * service applies its group rule): the member's record, the invitations sent and their account, the import rows
 * that mention them.
 */
@Service
class MemberData {

  private final RestClient members;
  private final RestClient invitations;
  private final RestClient imports;
  private final JsonMapper json;
  private final Clock clock;

  MemberData(@Qualifier("memberServiceClient") RestClient members,
      @Qualifier("invitationServiceClient") RestClient invitations,
      @Qualifier("importServiceClient") RestClient imports, JsonMapper json) {
    this.members = members;
    this.invitations = invitations;
    this.imports = imports;
    this.json = json;
    this.clock = Clock.systemUTC();
  }

  /** One JSON document, one part per service, as each service answers it. */
  byte[] of(String groupId, String memberId) {
    ObjectNode data = json.createObjectNode();
    data.put("exportedAt", clock.instant().toString());
    data.put("groupId", groupId);
    data.set("member", members.get().uri("/api/groups/{groupId}/members/{memberId}", groupId, memberId)
        .retrieve().body(JsonNode.class));
    data.set("invitations", invitations.get().uri("/api/groups/{groupId}/members/{memberId}/invitations",
        groupId, memberId).retrieve().body(JsonNode.class));
    data.set("imports", imports.get().uri("/api/groups/{groupId}/imports/members/{memberId}", groupId, memberId)
        .retrieve().body(JsonNode.class));
    return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(data);
  }
}

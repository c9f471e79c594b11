package coop.roster.gateway.invitations;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import java.time.Instant;
import java.util.Optional;

/** invitation-service's preview: the invitation a member would receive, rendered, not sent. */
@Service
class MailPreviews {

  private final RestClient client;

  MailPreviews(@Qualifier("invitationServiceClient") RestClient client) {
    this.client = client;
  }

  /** The mail's HTML, in the coordinator's language, with the note and, for a reminder, its wording. */
  String html(String groupId, String memberId, String note, Instant reminderOf) {
    return client.get().uri(uri -> uri.path("/api/groups/{groupId}/invitation-previews/{memberId}")
            .queryParamIfPresent("note", Optional.ofNullable(note).filter(n -> !n.isBlank()))
            .queryParamIfPresent("reminderOf", Optional.ofNullable(reminderOf))
            .build(groupId, memberId))
        .accept(MediaType.TEXT_HTML).retrieve().body(String.class);
  }
}

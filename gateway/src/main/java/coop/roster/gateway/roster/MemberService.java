package coop.roster.gateway.roster;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** member-service, called with the coordinator's token; errors arrive as BackendProblem/BackendUnavailable. */
@Service
public class MemberService {

  private static final int PAGE_SIZE = 50;
  public static final String DEFAULT_SORT = "lastName,asc";

  private final RestClient client;

  MemberService(@Qualifier("memberServiceClient") RestClient client) {
    this.client = client;
  }

  /** The groups the person coordinates (every group for the platform admin). */
  public List<Group> groups() {
    return client.get().uri("/api/groups").retrieve().body(new ParameterizedTypeReference<>() { });
  }

  public Group group(String groupId) {
    return client.get().uri("/api/groups/{groupId}", groupId).retrieve().body(Group.class);
  }

  public MemberList list(String groupId, Selection selection, String q, String sort, int page) {
    return list(groupId, selection, q, sort, page, PAGE_SIZE);
  }

  /** The counts of every selection, and the first few members of one. */
  public MemberList counts(String groupId, Selection selection) {
    return list(groupId, selection, null, DEFAULT_SORT, 0, 1);
  }

  private MemberList list(String groupId, Selection selection, String q, String sort, int page, int size) {
    return client.get().uri(uri -> uri.path("/api/groups/{groupId}/members")
            .queryParam("selection", selection.name())
            .queryParamIfPresent("q", Optional.ofNullable(q).filter(s -> !s.isBlank()))
            .queryParam("sort", sort)
            .queryParam("page", page)
            .queryParam("size", size)
            .build(groupId))
        .retrieve().body(MemberList.class);
  }

  public Member member(String groupId, String memberId) {
    return client.get().uri("/api/groups/{groupId}/members/{memberId}", groupId, memberId)
        .retrieve().body(Member.class);
  }

  public Member create(String groupId, MemberForm form) {
    return client.post().uri("/api/groups/{groupId}/members", groupId).body(form).retrieve().body(Member.class);
  }

  public Member update(String groupId, String memberId, MemberForm form) {
    return client.put().uri("/api/groups/{groupId}/members/{memberId}", groupId, memberId).body(form)
        .retrieve().body(Member.class);
  }

  public void remove(String groupId, String memberId) {
    client.delete().uri("/api/groups/{groupId}/members/{memberId}", groupId, memberId).retrieve().toBodilessEntity();
  }

  /** Invites everyone in the selection now (members whose invitation is in flight are left out). */
  public InvitationRequest invite(String groupId, Selection selection) {
    return client.post().uri("/api/groups/{groupId}/invitations", groupId)
        .body(Map.of("selection", selection.name())).retrieve().body(InvitationRequest.class);
  }

  public InvitationRequest inviteMember(String groupId, String memberId) {
    return client.post().uri("/api/groups/{groupId}/invitations", groupId)
        .body(Map.of("memberIds", List.of(memberId))).retrieve().body(InvitationRequest.class);
  }

  /**
   * Invites everyone in the selection now, leaving out (unless included) members invited lately; as a reminder
   * ("Relancer") or not, with the coordinator's note (or {@code null}).
   */
  public InvitationRequest invite(String groupId, Selection selection, boolean includeRecentlyInvited,
      boolean reminder, String note) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("selection", selection.name(),
        "includeRecentlyInvited", includeRecentlyInvited, "reminder", reminder));
    if (note != null && !note.isBlank()) {
      body.put("note", note);
    }
    return client.post().uri("/api/groups/{groupId}/invitations", groupId).body(body).retrieve()
        .body(InvitationRequest.class);
  }

  /** "Envoyer une invitation" for one member, with the coordinator's note (or {@code null}). */
  public InvitationRequest inviteMember(String groupId, String memberId, String note) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("memberIds", List.of(memberId)));
    if (note != null && !note.isBlank()) {
      body.put("note", note);
    }
    return client.post().uri("/api/groups/{groupId}/invitations", groupId).body(body).retrieve()
        .body(InvitationRequest.class);
  }

  /** What inviting the selection would meet: never invited, invited lately, failed. */
  public InvitationOutlook invitationOutlook(String groupId, Selection selection) {
    return client.get().uri(uri -> uri.path("/api/groups/{groupId}/invitations/outlook")
        .queryParam("selection", selection.name()).build(groupId)).retrieve().body(InvitationOutlook.class);
  }

  public InvitationProgress invitationProgress(String groupId, String requestId) {
    return client.get().uri("/api/groups/{groupId}/invitations/{requestId}", groupId, requestId)
        .retrieve().body(InvitationProgress.class);
  }
}

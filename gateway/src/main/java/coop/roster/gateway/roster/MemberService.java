package coop.roster.gateway.roster;

import coop.roster.gateway.backend.Backend;
import coop.roster.gateway.backend.ProblemReader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** member-service, called with the coordinator's token; errors arrive as BackendProblem/BackendUnavailable. */
@Service
public class MemberService {

  private static final int PAGE_SIZE = 50;
  public static final String DEFAULT_SORT = "lastName,asc";

  private final RestClient client;

  private final ProblemReader problems;

  MemberService(@Qualifier("memberServiceClient") RestClient client, JsonMapper json) {
    this.client = client;
    this.problems = new ProblemReader(Backend.MEMBER_SERVICE, json);
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

  /** The export format member-service writes. */
  public enum ExportFormat {
    CSV, XLSX;

    /** {@code xlsx} for a workbook, CSV for anything else. */
    public static ExportFormat parse(String format) {
      return "xlsx".equalsIgnoreCase(format) ? XLSX : CSV;
    }
  }

  /** What to do with an export as it arrives: its headers, then its body, streamed, never held whole. */
  @FunctionalInterface
  public interface ExportReceiver {
    void receive(HttpHeaders headers, InputStream body) throws IOException;
  }

  /**
   * The selection, searched and sorted as the list shows it, as a file: member-service's answer is handed on
   * as it arrives; an error answer becomes a BackendProblem before anything is handed on.
   */
  public void export(String groupId, Selection selection, String q, String sort, ExportFormat format,
      ExportReceiver receiver) {
    client.get().uri(uri -> uri.path("/api/groups/{groupId}/members/export")
            .queryParam("selection", selection.name())
            .queryParamIfPresent("q", Optional.ofNullable(q).filter(s -> !s.isBlank()))
            .queryParam("sort", sort)
            .queryParam("format", format.name().toLowerCase(Locale.ROOT))
            .build(groupId))
        .exchange((request, response) -> {
          if (response.getStatusCode().isError()) {
            throw problems.read(response);
          }
          try (InputStream body = response.getBody()) {
            receiver.receive(response.getHeaders(), body);
          }
          return null;
        });
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

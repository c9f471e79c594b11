package coop.roster.gateway.history;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/** The history each service keeps: imports at import-service, invitations and member changes at member-service. */
@Service
class HistoryService {

  static final int PAGE_SIZE = 50;

  private final RestClient members;
  private final RestClient imports;

  HistoryService(@Qualifier("memberServiceClient") RestClient members,
      @Qualifier("importServiceClient") RestClient imports) {
    this.members = members;
    this.imports = imports;
  }

  HistoryPage<PastImport> imports(String groupId, int page) {
    return imports.get().uri("/api/groups/{groupId}/imports?page={page}&size={size}", groupId, page, PAGE_SIZE)
        .retrieve().body(new ParameterizedTypeReference<>() { });
  }

  HistoryPage<PastInvitation> invitations(String groupId, int page) {
    return members.get().uri("/api/groups/{groupId}/invitations?page={page}&size={size}", groupId, page, PAGE_SIZE)
        .retrieve().body(new ParameterizedTypeReference<>() { });
  }

  HistoryPage<MemberChange> memberChanges(String groupId, int page) {
    return members.get().uri("/api/groups/{groupId}/member-changes?page={page}&size={size}", groupId, page,
        PAGE_SIZE).retrieve().body(new ParameterizedTypeReference<>() { });
  }
}

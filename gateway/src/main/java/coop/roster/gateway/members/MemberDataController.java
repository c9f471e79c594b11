package coop.roster.gateway.members;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** "Télécharger ses données": everything Roster holds about one member, as a JSON file. */
@Controller
class MemberDataController {

  private final MemberData data;

  MemberDataController(MemberData data) {
    this.data = data;
  }

  @GetMapping("/groups/{groupId}/members/{memberId}/data")
  ResponseEntity<byte[]> download(@PathVariable String groupId, @PathVariable String memberId) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("roster-member-" + memberId + ".json").build().toString())
        .body(data.of(groupId, memberId));
  }
}

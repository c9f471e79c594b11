package coop.roster.member.roster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The group's history of members added, edited and removed by hand. */
@RestController
@PreAuthorize("@groupAccess.allows(authentication, #groupId)")
@Validated
@Tag(name = "Members")
class MemberChangesController {

  private final MemberChanges changes;

  MemberChangesController(MemberChanges changes) {
    this.changes = changes;
  }

  @GetMapping("/api/groups/{groupId}/member-changes")
  @Operation(summary = "Members added, edited and removed by hand, newest first: by whom and when")
  MemberChanges.History history(@PathVariable String groupId, @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return changes.history(groupId, page, size);
  }
}

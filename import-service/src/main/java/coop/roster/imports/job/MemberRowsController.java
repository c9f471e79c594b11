package coop.roster.imports.job;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One member's rows in the group's imports: part of "Télécharger ses données" (guarded like every import call). */
@RestController
@Tag(name = "Imports")
class MemberRowsController {

  private final MemberRows rows;

  MemberRowsController(MemberRows rows) {
    this.rows = rows;
  }

  @Operation(summary = "The import rows that mention one member",
      description = "The rows that created or updated the member, and the rows left out that carry their e-mail; "
          + "empty once the member is removed (erased).")
  @GetMapping("/api/groups/{groupId}/imports/members/{memberId}")
  MemberRows.Mentions of(@PathVariable String groupId, @PathVariable String memberId) {
    return rows.of(groupId, memberId);
  }
}

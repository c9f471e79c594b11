package coop.roster.member.roster;

import coop.roster.member.group.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/** "Gestion adhérents": the member list of a group, one member, the export. */
@RestController
@RequestMapping("/api/groups/{groupId}/members")
@PreAuthorize("@groupAccess.allows(authentication, #groupId)")
@Validated
@Tag(name = "Members", description = "A group's roster; only its coordinators (or the platform admin) reach it")
class MemberController {

  private final RosterQueries queries;
  private final Roster roster;
  private final Members members;
  private final Groups groups;

  MemberController(RosterQueries queries, Roster roster, Members members, Groups groups) {
    this.queries = queries;
    this.roster = roster;
    this.members = members;
    this.groups = groups;
  }

  @GetMapping
  @Operation(summary = "A page of a selection, searched and sorted, with the count of every selection")
  MemberList list(@PathVariable String groupId,
      @RequestParam(defaultValue = "ALL") Selection selection,
      @Parameter(description = "words found in first or last name, e-mail, partner or city; "
          + "case and accents ignored") @RequestParam(required = false) String q,
      @Parameter(description = "lastName, firstName, email, city or createdAt, then asc or desc")
      @RequestParam(defaultValue = "lastName,asc") String sort,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return queries.list(groupId, selection, q, sort, page, size);
  }

  @PostMapping
  @Operation(summary = "Adds a member by hand; 409 names the member who has that e-mail already")
  ResponseEntity<MemberView> create(@PathVariable String groupId, @Valid @RequestBody MemberForm form) {
    Member member = roster.create(groupId, form.person(), form.partnerPerson(), form.postalAddress(),
        form.language());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
        .build(member.id())).body(MemberView.of(member));
  }

  @GetMapping("/{memberId}")
  MemberView get(@PathVariable String groupId, @PathVariable String memberId) {
    return MemberView.of(roster.get(groupId, memberId));
  }

  @PutMapping("/{memberId}")
  @Operation(summary = "Replaces a member's details")
  MemberView update(@PathVariable String groupId, @PathVariable String memberId,
      @Valid @RequestBody MemberForm form) {
    return MemberView.of(roster.update(groupId, memberId, form.person(), form.partnerPerson(),
        form.postalAddress(), form.language()));
  }

  @DeleteMapping("/{memberId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@PathVariable String groupId, @PathVariable String memberId) {
    roster.remove(groupId, memberId);
  }

  @GetMapping(value = "/export", produces = "text/csv")
  @Operation(summary = "The roster as CSV, in the columns the import reads back unchanged")
  void export(@PathVariable String groupId, HttpServletResponse response) throws IOException {
    groups.get(groupId);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("adherents-" + groupId + ".csv", StandardCharsets.UTF_8).build().toString());
    try (Stream<Member> all = members.streamGroup(groupId)) {
      MemberCsv.write(all.iterator(), response.getOutputStream());
    }
  }
}

package coop.roster.member.roster;

import coop.roster.member.web.LocalizedProblem;
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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
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

  MemberController(RosterQueries queries, Roster roster, Members members) {
    this.queries = queries;
    this.roster = roster;
    this.members = members;
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
  @Operation(summary = "Adds a member by hand, or as a member's partner (partnerOf); 409 names the member who has "
      + "that e-mail already, or says the member shares a household already")
  ResponseEntity<MemberView> create(@PathVariable String groupId, @Valid @RequestBody MemberForm form) {
    Member member = form.partnerOf() == null
        ? roster.create(groupId, form.person(), form.partnerPerson(), form.postalAddress(), form.language())
        : roster.createPartner(groupId, form.partnerOf(), form.person(), form.postalAddress(), form.language());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
        .build(member.id())).body(MemberView.of(member));
  }

  @GetMapping("/{memberId}")
  MemberView get(@PathVariable String groupId, @PathVariable String memberId) {
    Member member = roster.get(groupId, memberId);
    return MemberView.of(member, member.partnerId() == null ? null
        : members.find(groupId, member.partnerId()).orElse(null), queries.reminders(groupId));
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

  @GetMapping(value = "/export", produces = {"text/csv", MemberController.XLSX})
  @Operation(summary = "A selection of the roster, searched and sorted as the list, as CSV or .xlsx, in the "
      + "columns the import reads back unchanged")
  void export(@PathVariable String groupId,
      @RequestParam(defaultValue = "ALL") Selection selection,
      @Parameter(description = "the list's search words") @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "lastName,asc") String sort,
      @Parameter(description = "csv (default) or xlsx") @RequestParam(defaultValue = "csv") String format,
      HttpServletResponse response) throws IOException {
    boolean workbook = switch (format) {
      case "csv" -> false;
      case "xlsx" -> true;
      default -> throw new LocalizedProblem(HttpStatus.BAD_REQUEST, "export.format", format);
    };
    List<String> ids = queries.every(groupId, selection, q, sort);
    Set<String> chosen = new HashSet<>(ids);
    try (Stream<Member> selected = queries.fetch(groupId, ids)) {
      // Households together: a partner in the selection follows the first person; one outside it is named in the
      // partner columns only, so that the file imported again links the two.
      Iterator<Households.Listed> listed = Households.together(selected.iterator(),
          id -> members.find(groupId, id), chosen::contains);
      response.setContentType(workbook ? XLSX : "text/csv;charset=UTF-8");
      response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
          .filename("adherents-" + groupId + (workbook ? ".xlsx" : ".csv"), StandardCharsets.UTF_8).build()
          .toString());
      if (workbook) {
        MemberXlsx.write(listed, "Adhérents", response.getOutputStream());
      } else {
        MemberCsv.writeHouseholds(listed, response.getOutputStream());
      }
    }
  }

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

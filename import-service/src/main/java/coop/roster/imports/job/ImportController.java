package coop.roster.imports.job;

import coop.roster.events.ExistingMemberPolicy;
import coop.roster.imports.checking.ColumnMapping;
import coop.roster.imports.checking.Field;
import coop.roster.imports.checking.Severity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The import of a group's spreadsheet, step by step: upload, preview, mapping, confirmation, report. */
@RestController
@RequestMapping("/api/groups/{groupId}/imports")
@Tag(name = "Imports", description = "Importing a group's members from a spreadsheet (CSV)")
class ImportController {

  private static final String DEFAULT_PAGE_SIZE = "50";

  private final Imports imports;
  private final ImportViews views;
  private final RejectedRowsFile rejectedRows;

  ImportController(Imports imports, ImportViews views, RejectedRowsFile rejectedRows) {
    this.imports = imports;
    this.views = views;
    this.rejectedRows = rejectedRows;
  }

  /**
   * The coordinator's choice on confirming.
   *
   * @param policy  what happens to people already members: left as they are, or their details updated
   * @param consent the people listed agreed to be registered
   */
  record Confirmation(@NotNull ExistingMemberPolicy policy,
      @AssertTrue(message = "{import.confirmation.consent}") boolean consent) {
  }

  /**
   * The columns as the coordinator mapped them.
   *
   * @param headerRow whether the first row names the columns (and is not imported)
   * @param columns   the field of each column, from the first; {@code null} ignores a column
   */
  record Mapping(@NotNull Boolean headerRow, @NotNull List<Field> columns) {
  }

  @Operation(summary = "Upload a spreadsheet (CSV) and get its preview",
      description = "Reads and checks every row; answers the preview, or the columns to map when they "
          + "could not all be recognised. Nothing is imported before the confirmation.")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImportView> upload(@PathVariable String groupId, @RequestParam("file") MultipartFile file,
      @AuthenticationPrincipal Jwt user) throws IOException {
    ImportJob job;
    try (InputStream content = file.getInputStream()) {
      job = imports.upload(groupId, file.getOriginalFilename(), content, user.getClaimAsString("email"));
    }
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
        .buildAndExpand(job.id()).toUri()).body(views.of(job, 0, Integer.parseInt(DEFAULT_PAGE_SIZE)));
  }

  @Operation(summary = "The group's imports, newest first: file, who, when, counts")
  @GetMapping
  ImportHistory history(@PathVariable String groupId, @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = DEFAULT_PAGE_SIZE) @Min(1) @Max(200) int size) {
    return imports.history(groupId, page, size);
  }

  @Operation(summary = "The import: its preview before confirmation, its progress after")
  @GetMapping("/{importId}")
  ImportView get(@PathVariable String groupId, @PathVariable String importId,
      @RequestParam(defaultValue = "0") int problemPage,
      @RequestParam(defaultValue = DEFAULT_PAGE_SIZE) int problemPageSize) {
    return views.of(imports.find(groupId, importId), problemPage, problemPageSize);
  }

  @Operation(summary = "Every problem found in the file, page by page, in file order")
  @GetMapping("/{importId}/problems")
  ImportView.ProblemPage problems(@PathVariable String groupId, @PathVariable String importId,
      @RequestParam(required = false) Severity severity, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = DEFAULT_PAGE_SIZE) int size) {
    return views.problems(imports.find(groupId, importId), severity, page, size);
  }

  /**
   * The sheet of a workbook to read.
   *
   * @param sheet its tab's name, one of the import's {@code file.sheets}
   */
  record SheetChoice(@NotNull String sheet) {
  }

  @Operation(summary = "Read another sheet of the workbook",
      description = "Reads and checks the chosen sheet as on upload (columns recognised again); answers the new "
          + "preview. 400 for a sheet the workbook does not have, 409 once confirmed.")
  @PutMapping("/{importId}/sheet")
  ImportView chooseSheet(@PathVariable String groupId, @PathVariable String importId,
      @Valid @RequestBody SheetChoice choice) {
    ImportJob job = imports.chooseSheet(groupId, importId, choice.sheet());
    return views.of(job, 0, Integer.parseInt(DEFAULT_PAGE_SIZE));
  }

  @Operation(summary = "Map the columns by hand",
      description = "Checks the file again with this mapping; the group's next file of the same shape uses it.")
  @PutMapping("/{importId}/mapping")
  ImportView map(@PathVariable String groupId, @PathVariable String importId, @Valid @RequestBody Mapping mapping) {
    ImportJob job = imports.map(groupId, importId, new ColumnMapping(mapping.headerRow(), mapping.columns()));
    return views.of(job, 0, Integer.parseInt(DEFAULT_PAGE_SIZE));
  }

  @Operation(summary = "Confirm the import",
      description = "Publishes the valid rows; invalid ones are left out. Follow the progress with GET.")
  @PostMapping("/{importId}/confirmation")
  ResponseEntity<ImportView> confirm(@PathVariable String groupId, @PathVariable String importId,
      @Valid @RequestBody Confirmation confirmation, @AuthenticationPrincipal Jwt user) {
    ImportJob job = imports.confirm(groupId, importId, confirmation.policy(), user.getClaimAsString("email"));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.of(job, 0, Integer.parseInt(DEFAULT_PAGE_SIZE)));
  }

  @Operation(summary = "Cancel an import not confirmed yet",
      description = "Its file is deleted and it becomes ABANDONED; it no longer counts among the group's pending "
          + "uploads. Cancelling again answers the import as it is; a confirmed import cannot be cancelled (409).")
  @PostMapping("/{importId}/cancellation")
  ImportView cancel(@PathVariable String groupId, @PathVariable String importId) {
    return views.of(imports.cancel(groupId, importId), 0, Integer.parseInt(DEFAULT_PAGE_SIZE));
  }

  @Operation(summary = "Publish again the rows that got no outcome",
      description = "For an INCOMPLETE import: publishes its unconfirmed rows again, with the same event ids (a row "
          + "already applied is answered with its first outcome), and puts the import back in progress. "
          + "Asking again answers the import as it is.")
  @PostMapping("/{importId}/republish")
  ResponseEntity<ImportView> republish(@PathVariable String groupId, @PathVariable String importId) {
    ImportJob job = imports.republish(groupId, importId);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.of(job, 0, Integer.parseInt(DEFAULT_PAGE_SIZE)));
  }

  @Operation(summary = "What the import did: created, updated, already members, rejected with reasons, "
      + "and the rows not confirmed of an incomplete import")
  @GetMapping("/{importId}/report")
  ReportView report(@PathVariable String groupId, @PathVariable String importId,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = DEFAULT_PAGE_SIZE) int size) {
    return views.report(imports.find(groupId, importId), page, size);
  }

  @Operation(summary = "The rows not imported, with a reason column, to fix and upload again")
  @GetMapping(value = "/{importId}/rejected.csv", produces = "text/csv")
  ResponseEntity<StreamingResponseBody> rejected(@PathVariable String groupId, @PathVariable String importId) {
    ImportJob job = imports.find(groupId, importId);
    Locale locale = LocaleContextHolder.getLocale();
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("rejected-" + importId + ".csv").build().toString())
        .body(out -> {
          // written on another thread, in the language of the request
          LocaleContextHolder.setLocale(locale);
          try {
            rejectedRows.write(job, out);
          } finally {
            LocaleContextHolder.resetLocaleContext();
          }
        });
  }
}

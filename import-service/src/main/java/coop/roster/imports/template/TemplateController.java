package coop.roster.imports.template;

import coop.roster.imports.checking.Field;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The import template: Cagette's 12 columns (the same as member-service's export), headers only,
 * written as Excel reads them best in France (UTF-8 with BOM, {@code ;}, CRLF).
 */
@RestController
@Tag(name = "Imports")
class TemplateController {

  private final MessageSource messages;

  TemplateController(MessageSource messages) {
    this.messages = messages;
  }

  @Operation(summary = "The spreadsheet template to fill in and import")
  @GetMapping(value = "/api/imports/template", produces = "text/csv")
  ResponseEntity<byte[]> template(
      @Parameter(description = "fr or en; the request's language otherwise")
      @RequestParam(required = false) Locale lang) {
    Locale locale = lang != null ? lang : LocaleContextHolder.getLocale();
    StringBuilder header = new StringBuilder("\uFEFF");
    for (Field field : Field.values()) {
      if (field.ordinal() > 0) {
        header.append(';');
      }
      header.append(messages.getMessage(field.messageKey(), null, locale));
    }
    header.append("\r\n");
    String fileName = messages.getMessage("import.template.fileName", null, locale);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
        .body(header.toString().getBytes(StandardCharsets.UTF_8));
  }
}

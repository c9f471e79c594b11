package coop.roster.imports.template;

import coop.roster.imports.checking.Field;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.beans.PropertyEditorSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The import template: Cagette's 12 columns (the same as member-service's export), headers only,
 * as CSV, an Excel workbook or a LibreOffice one.
 */
@RestController
@Tag(name = "Imports")
class TemplateController {

  private final MessageSource messages;

  TemplateController(MessageSource messages) {
    this.messages = messages;
  }

  /** {@code format=xlsx} as well as {@code XLSX}: a value unknown in any case is a 400. */
  @InitBinder
  void formats(WebDataBinder binder) {
    binder.registerCustomEditor(TemplateFormat.class, new PropertyEditorSupport() {
      @Override
      public void setAsText(String text) {
        setValue(TemplateFormat.valueOf(text.strip().toUpperCase(Locale.ROOT)));
      }
    });
  }

  @Operation(summary = "The spreadsheet template to fill in and import")
  @GetMapping(value = "/api/imports/template", produces = {"text/csv",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.oasis.opendocument.spreadsheet"})
  ResponseEntity<byte[]> template(
      @Parameter(description = "fr or en; the request's language otherwise")
      @RequestParam(required = false) Locale lang,
      @Parameter(description = "csv (the default), xlsx or ods")
      @RequestParam(defaultValue = "csv") TemplateFormat format) {
    Locale locale = lang != null ? lang : LocaleContextHolder.getLocale();
    List<String> headers = new ArrayList<>();
    List<Boolean> textColumns = new ArrayList<>();
    for (Field field : Field.values()) {
      headers.add(messages.getMessage(field.messageKey(), null, locale));
      textColumns.add(field == Field.PHONE || field == Field.PARTNER_PHONE || field == Field.POSTCODE);
    }
    String fileName = messages.getMessage("import.template.fileName", null, locale)
        .replaceFirst("\\.csv$", "." + format.extension());
    return ResponseEntity.ok()
        .contentType(format.mediaType())
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(fileName).build().toString())
        .body(TemplateFiles.write(format, headers, textColumns));
  }
}

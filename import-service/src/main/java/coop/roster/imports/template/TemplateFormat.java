package coop.roster.imports.template;

import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;

/** The formats the template is offered in, each with its media type and file name extension. */
enum TemplateFormat {
  CSV(new MediaType("text", "csv", StandardCharsets.UTF_8), "csv"),
  XLSX(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "xlsx"),
  ODS(MediaType.parseMediaType("application/vnd.oasis.opendocument.spreadsheet"), "ods");

  private final MediaType mediaType;
  private final String extension;

  TemplateFormat(MediaType mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  MediaType mediaType() {
    return mediaType;
  }

  String extension() {
    return extension;
  }
}

package coop.roster.gateway.imports;

import coop.roster.gateway.backend.Backend;
import coop.roster.gateway.backend.BackendProblem;
import coop.roster.gateway.backend.BackendUnavailable;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** import-service, called with the coordinator's token. */
@Service
class ImportService {

  private final RestClient client;

  ImportService(@Qualifier("importServiceClient") RestClient client) {
    this.client = client;
  }

  ImportView upload(String groupId, MultipartFile file) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("file", file.getResource())
        .contentType(file.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM
            : MediaType.parseMediaType(file.getContentType()));
    return client.post().uri("/api/groups/{groupId}/imports", groupId)
        .contentType(MediaType.MULTIPART_FORM_DATA).body(body.build()).retrieve().body(ImportView.class);
  }

  ImportView get(String groupId, String importId, int problemPage) {
    return client.get().uri(uri -> uri.path("/api/groups/{groupId}/imports/{importId}")
            .queryParam("problemPage", problemPage).build(groupId, importId))
        .retrieve().body(ImportView.class);
  }

  ImportView map(String groupId, String importId, boolean headerRow, List<String> columns) {
    return client.put().uri("/api/groups/{groupId}/imports/{importId}/mapping", groupId, importId)
        .body(Map.of("headerRow", headerRow, "columns", columns)).retrieve().body(ImportView.class);
  }

  /** Reads another sheet of the workbook: a new preview. */
  ImportView chooseSheet(String groupId, String importId, String sheet) {
    return client.put().uri("/api/groups/{groupId}/imports/{importId}/sheet", groupId, importId)
        .body(Map.of("sheet", sheet)).retrieve().body(ImportView.class);
  }

  ImportView confirm(String groupId, String importId, String policy, boolean consent) {
    return client.post().uri("/api/groups/{groupId}/imports/{importId}/confirmation", groupId, importId)
        .body(Map.of("policy", policy, "consent", consent)).retrieve().body(ImportView.class);
  }

  /** Publishes again the rows of an incomplete import that got no outcome; asking twice is harmless. */
  ImportView republish(String groupId, String importId) {
    return client.post().uri("/api/groups/{groupId}/imports/{importId}/republish", groupId, importId)
        .retrieve().body(ImportView.class);
  }

  /** Gives up an import not confirmed yet; it no longer counts among the group's pending uploads. */
  ImportView cancel(String groupId, String importId) {
    return client.post().uri("/api/groups/{groupId}/imports/{importId}/cancellation", groupId, importId)
        .retrieve().body(ImportView.class);
  }

  ReportView report(String groupId, String importId, int page) {
    return client.get().uri(uri -> uri.path("/api/groups/{groupId}/imports/{importId}/report")
            .queryParam("page", page).build(groupId, importId))
        .retrieve().body(ReportView.class);
  }

  /** The rows not imported, as a CSV, straight to the browser. */
  void rejectedRows(String groupId, String importId, HttpServletResponse response) {
    download(client.get().uri("/api/groups/{groupId}/imports/{importId}/rejected.csv", groupId, importId),
        response);
  }

  /** The template to fill in, in the page's language and the format asked. */
  void template(String language, ImportsController.TemplateFormat format, HttpServletResponse response) {
    download(client.get().uri(uri -> uri.path("/api/imports/template").queryParam("lang", language)
            .queryParam("format", format.name()).build()), response);
  }

  /** Streams the answer through, never holding the file in memory. */
  private static void download(RestClient.RequestHeadersSpec<?> request, HttpServletResponse response) {
    request.exchange((clientRequest, answer) -> {
      if (answer.getStatusCode().isError()) {
        // The client's status handlers do not run inside exchange; a file has no problem detail to show.
        throw answer.getStatusCode().is5xxServerError()
            ? new BackendUnavailable(Backend.IMPORT_SERVICE, "status " + answer.getStatusCode().value(), null)
            : BackendProblem.withStatus(Backend.IMPORT_SERVICE, answer.getStatusCode());
      }
      response.setContentType(String.valueOf(answer.getHeaders().getContentType()));
      String disposition = answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
      if (disposition != null) {
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
      }
      try (InputStream body = answer.getBody()) {
        body.transferTo(response.getOutputStream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    });
  }
}

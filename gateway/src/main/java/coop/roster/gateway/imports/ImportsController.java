package coop.roster.gateway.imports;

import coop.roster.gateway.backend.BackendProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;

/** "Importer", step by step; each step's page follows the import's status at import-service. */
@Controller
@RequestMapping("/groups/{groupId}/imports")
class ImportsController {

  private final ImportService importService;
  private final MessageSource messages;
  private final DataSize maxFileSize;

  ImportsController(ImportService importService, MessageSource messages,
      @Value("${spring.servlet.multipart.max-file-size}") DataSize maxFileSize) {
    this.importService = importService;
    this.messages = messages;
    this.maxFileSize = maxFileSize;
  }

  @ModelAttribute
  void common(Model model) {
    model.addAttribute("section", "import");
    model.addAttribute("maxFileBytes", maxFileSize.toBytes());
    model.addAttribute("maxFileMegabytes", maxFileSize.toMegabytes());
  }

  @GetMapping
  String start() {
    return "imports/upload";
  }

  @PostMapping
  String upload(@PathVariable String groupId, @RequestParam(name = "file", required = false) MultipartFile file,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    if (file == null || file.isEmpty()) {
      return uploadAgain(model, response, HttpStatus.BAD_REQUEST, message("import.upload.choose"));
    }
    try {
      ImportView view = importService.upload(groupId, file);
      redirect.addAttribute("importId", view.id());
      return "redirect:/groups/{groupId}/imports/{importId}";
    } catch (BackendProblem refused) {
      if (refused.is(403) || refused.is(404)) {
        throw refused;
      }
      // An unreadable or too large file: the service says why, in the coordinator's language.
      return uploadAgain(model, response, HttpStatus.valueOf(refused.status().value()),
          refused.detail() != null ? refused.detail() : message("import.upload.refused"));
    }
  }

  /** The template in the page's language: an Excel or LibreOffice workbook, or CSV. */
  @GetMapping("/template")
  void template(@RequestParam(defaultValue = "xlsx") TemplateFormat format, HttpServletResponse response) {
    importService.template(LocaleContextHolder.getLocale().getLanguage(), format, response);
  }

  /** The template's formats import-service offers. */
  enum TemplateFormat {
    xlsx, ods, csv
  }

  @GetMapping("/{importId}")
  String show(@PathVariable String groupId, @PathVariable String importId,
      @RequestParam(defaultValue = "0") int problemPage, @RequestParam(defaultValue = "0") int page, Model model) {
    ImportView view = importService.get(groupId, importId, Math.max(0, problemPage));
    model.addAttribute("importView", view);
    return switch (view.status()) {
      case "NEEDS_MAPPING" -> "imports/mapping";
      case "READY" -> "imports/preview";
      case "COMPLETED", "INCOMPLETE" -> {
        model.addAttribute("report", importService.report(groupId, importId, Math.max(0, page)));
        yield "imports/report";
      }
      case "ABANDONED" -> uploadAgain(model, null, HttpStatus.OK, message("import.abandoned"));
      default -> "imports/progress";
    };
  }

  /** The column mapping, also when the columns were recognised and the coordinator wants to change it. */
  @GetMapping("/{importId}/mapping")
  String mapping(@PathVariable String groupId, @PathVariable String importId, Model model) {
    model.addAttribute("importView", importService.get(groupId, importId, 0));
    return "imports/mapping";
  }

  @PostMapping("/{importId}/mapping")
  String map(@PathVariable String groupId, @PathVariable String importId,
      @RequestParam(defaultValue = "false") boolean headerRow,
      @RequestParam(name = "columns", required = false) List<String> columns) {
    List<String> fields = new ArrayList<>();
    if (columns != null) {
      // An empty choice is "ignore this column".
      columns.forEach(field -> fields.add(field == null || field.isBlank() ? null : field));
    }
    importService.map(groupId, importId, headerRow, fields);
    return "redirect:/groups/{groupId}/imports/{importId}";
  }

  /** Another sheet of the workbook, chosen on the preview or the mapping page: read and checked afresh. */
  @PostMapping("/{importId}/sheet")
  String chooseSheet(@PathVariable String groupId, @PathVariable String importId, @RequestParam String sheet) {
    importService.chooseSheet(groupId, importId, sheet);
    return "redirect:/groups/{groupId}/imports/{importId}";
  }

  @PostMapping("/{importId}/confirmation")
  String confirm(@PathVariable String groupId, @PathVariable String importId,
      @RequestParam(defaultValue = "SKIP") String policy, @RequestParam(defaultValue = "false") boolean consent,
      Model model, HttpServletResponse response) {
    String chosen = "UPDATE".equals(policy) ? "UPDATE" : "SKIP";
    if (!consent) {
      model.addAttribute("importView", importService.get(groupId, importId, 0));
      model.addAttribute("consentError", message("import.consent.required"));
      model.addAttribute("policy", chosen);
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return "imports/preview";
    }
    importService.confirm(groupId, importId, chosen, true);
    return "redirect:/groups/{groupId}/imports/{importId}";
  }

  /** "Publier à nouveau": the rows without outcome go again, and the page follows the progress again. */
  @PostMapping("/{importId}/republish")
  String republish(@PathVariable String groupId, @PathVariable String importId) {
    importService.republish(groupId, importId);
    return "redirect:/groups/{groupId}/imports/{importId}";
  }

  /** "Annuler cet import", before confirming: the upload no longer counts among the group's pending ones. */
  @PostMapping("/{importId}/cancellation")
  String cancel(@PathVariable String groupId, @PathVariable String importId) {
    importService.cancel(groupId, importId);
    return "redirect:/groups/{groupId}/imports";
  }

  /** The live progress bar, asked again every second until the import is settled (completed or incomplete). */
  @GetMapping("/{importId}/progress")
  String progress(@PathVariable String groupId, @PathVariable String importId, Model model) {
    model.addAttribute("importView", importService.get(groupId, importId, 0));
    return "imports/progress :: progress";
  }

  @GetMapping("/{importId}/rejected.csv")
  void rejectedRows(@PathVariable String groupId, @PathVariable String importId, HttpServletResponse response) {
    importService.rejectedRows(groupId, importId, response);
  }

  private String uploadAgain(Model model, HttpServletResponse response, HttpStatus status, String error) {
    if (response != null) {
      response.setStatus(status.value());
    }
    model.addAttribute("uploadError", error);
    return "imports/upload";
  }

  private String message(String key) {
    return messages.getMessage(key, null, LocaleContextHolder.getLocale());
  }
}

package coop.roster.gateway.settings;

import coop.roster.gateway.backend.BackendProblem;
import coop.roster.gateway.roster.Group;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Réglages du groupe": the language the group writes in to members who have not chosen one. */
@Controller
@RequestMapping("/groups/{groupId}/settings")
class GroupSettingsController {

  private final GroupSettingsService settings;
  private final MessageSource messages;

  GroupSettingsController(GroupSettingsService settings, MessageSource messages) {
    this.settings = settings;
    this.messages = messages;
  }

  @GetMapping
  String show(@ModelAttribute("group") Group group, Model model) {
    model.addAttribute("section", "settings");
    model.addAttribute("language", group.language() == null ? "fr" : group.language());
    return "settings/group";
  }

  @PostMapping
  String change(@PathVariable String groupId, @ModelAttribute("group") Group group,
      @RequestParam(required = false) String language, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      settings.changeLanguage(groupId, language);
    } catch (BackendProblem problem) {
      if (!problem.is(400)) {
        throw problem;
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("section", "settings");
      model.addAttribute("language", language);
      model.addAttribute("problem", problem.fieldErrors().getOrDefault("language", problem.detail()));
      return "settings/group";
    }
    redirect.addFlashAttribute("flash", messages.getMessage("settings.saved", null, LocaleContextHolder.getLocale()));
    return "redirect:/groups/{groupId}/settings";
  }
}

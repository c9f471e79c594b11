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

/**
 * "Réglages du groupe": the language the group writes in to members who have not chosen one, and its automatic
 * reminders of members invited and not activated.
 */
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
    Group.Reminders reminders = group.remindersOrDefault();
    model.addAttribute("remindersEnabled", reminders.enabled());
    model.addAttribute("remindersAfterDays", String.valueOf(reminders.afterDays()));
    model.addAttribute("remindersAtMost", String.valueOf(reminders.atMost()));
    return "settings/group";
  }

  @PostMapping
  String change(@PathVariable String groupId, @ModelAttribute("group") Group group,
      @RequestParam(required = false) String language,
      @RequestParam(defaultValue = "false") boolean remindersEnabled,
      @RequestParam(required = false) String remindersAfterDays,
      @RequestParam(required = false) String remindersAtMost,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    try {
      if (remindersAfterDays == null && remindersAtMost == null) {
        settings.changeLanguage(groupId, language);
      } else {
        // What is not a whole number is out of range: member-service's message says which range.
        settings.change(groupId, language, new Group.Reminders(remindersEnabled, wholeNumber(remindersAfterDays),
            wholeNumber(remindersAtMost)));
      }
    } catch (BackendProblem problem) {
      if (!problem.is(400)) {
        throw problem;
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("section", "settings");
      model.addAttribute("language", language);
      model.addAttribute("remindersEnabled", remindersEnabled);
      model.addAttribute("remindersAfterDays", remindersAfterDays);
      model.addAttribute("remindersAtMost", remindersAtMost);
      model.addAttribute("problem", problem.fieldErrors().getOrDefault("language",
          problem.fieldErrors().isEmpty() ? problem.detail() : null));
      model.addAttribute("fieldErrors", problem.fieldErrors());
      return "settings/group";
    }
    redirect.addFlashAttribute("flash", messages.getMessage("settings.saved", null, LocaleContextHolder.getLocale()));
    return "redirect:/groups/{groupId}/settings";
  }

  private static int wholeNumber(String typed) {
    try {
      return typed == null ? 0 : Integer.parseInt(typed.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

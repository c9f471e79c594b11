package coop.roster.gateway.history;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Arrays;
import java.util.Locale;

/**
 * "Historique": one of the group's three histories at a time (imports, invitations, member changes), newest
 * first, 50 a page.
 */
@Controller
@RequestMapping("/groups/{groupId}/history")
class HistoryController {

  /** The three histories, in the order of the page's tabs. */
  enum Kind { IMPORTS, INVITATIONS, MEMBERS }

  private final HistoryService history;

  HistoryController(HistoryService history) {
    this.history = history;
  }

  @GetMapping
  String show(@PathVariable String groupId, @RequestParam(defaultValue = "imports") String show,
      @RequestParam(defaultValue = "0") int page, Model model) {
    Kind kind = switch (show) {
      case "invitations" -> Kind.INVITATIONS;
      case "members" -> Kind.MEMBERS;
      default -> Kind.IMPORTS;
    };
    int chosen = Math.max(0, page);
    model.addAttribute("section", "history");
    model.addAttribute("kind", kind.name().toLowerCase(Locale.ROOT));
    model.addAttribute("kinds", Arrays.stream(Kind.values())
        .map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
    model.addAttribute("entries", switch (kind) {
      case IMPORTS -> history.imports(groupId, chosen);
      case INVITATIONS -> history.invitations(groupId, chosen);
      case MEMBERS -> history.memberChanges(groupId, chosen);
    });
    return "history/list";
  }
}

package coop.roster.gateway.groups;

import coop.roster.gateway.roster.Group;
import coop.roster.gateway.roster.MemberService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

/** "/": where a login lands. */
@Controller
class HomeController {

  private final MemberService memberService;

  HomeController(MemberService memberService) {
    this.memberService = memberService;
  }

  @GetMapping("/")
  String home(Model model) {
    List<Group> groups = memberService.groups();
    if (groups.size() == 1) {
      return "redirect:" + UriComponentsBuilder.fromPath("/groups/{groupId}/members")
          .buildAndExpand(groups.getFirst().id()).encode().toUriString();
    }
    model.addAttribute("groups", groups);
    return "groups/home";
  }
}

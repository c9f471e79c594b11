package coop.roster.gateway.settings;

import coop.roster.gateway.GatewaySettings;
import coop.roster.gateway.backend.BackendProblem;
import coop.roster.gateway.roster.Group;
import coop.roster.gateway.roster.MemberService;
import coop.roster.gateway.security.CurrentRights;
import coop.roster.gateway.web.Formats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** "Réglages du groupe": the group's language, in French and English. member-service is stubbed. */
@WebMvcTest(GroupSettingsController.class)
@Import(Formats.class)
@EnableConfigurationProperties(GatewaySettings.class)
@WithMockUser
class GroupSettingsPagesTest {

  private static final String GROUP = "amap-des-lilas";

  @Autowired
  MockMvc mvc;
  @MockitoBean
  GroupSettingsService settings;
  @MockitoBean
  MemberService memberService;
  @MockitoBean
  CurrentRights rights;

  @BeforeEach
  void anEnglishSpeakingGroup() {
    given(memberService.group(GROUP)).willReturn(new Group(GROUP, "AMAP des Lilas", List.of(), "en"));
    given(rights.coordinates(any(), any())).willReturn(true);
  }

  @Test
  void showsTheGroupsLanguageChosenInTheReadersLanguage() throws Exception {
    mvc.perform(get("/groups/{g}/settings", GROUP))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Réglages du groupe")))
        .andExpect(content().string(containsString("<option value=\"en\" selected=\"selected\">English</option>")));
    mvc.perform(get("/groups/{g}/settings", GROUP).param("lang", "en"))
        .andExpect(content().string(containsString("Group settings")))
        .andExpect(content().string(containsString("Group language")));
  }

  @Test
  void savingSetsTheLanguageAndSaysSo() throws Exception {
    mvc.perform(post("/groups/{g}/settings", GROUP).param("language", "fr").with(csrf()))
        .andExpect(redirectedUrl("/groups/" + GROUP + "/settings"))
        .andExpect(flash().attribute("flash", "Réglages enregistrés."));
    verify(settings).changeLanguage(GROUP, "fr");
  }

  @Test
  void showsTheAutomaticRemindersOffSevenDaysAndTwoTimesByDefault() throws Exception {
    mvc.perform(get("/groups/{g}/settings", GROUP))
        .andExpect(content().string(containsString("Relances automatiques")))
        .andExpect(content().string(matchesPattern(
            "(?s).*name=\"remindersAfterDays\" min=\"1\" max=\"60\" required\\s+value=\"7\".*")))
        .andExpect(content().string(matchesPattern(
            "(?s).*name=\"remindersAtMost\" min=\"1\" max=\"5\" required\\s+value=\"2\".*")))
        .andExpect(content().string(not(containsString("checked"))));
    mvc.perform(get("/groups/{g}/settings", GROUP).param("lang", "en"))
        .andExpect(content().string(containsString("Automatic reminders")));
  }

  @Test
  void savingTheRemindersSendsThemWithTheLanguageAndARefusalShowsMemberServicesMessageByItsField()
      throws Exception {
    mvc.perform(post("/groups/{g}/settings", GROUP).param("language", "fr").param("remindersEnabled", "true")
            .param("remindersAfterDays", "10").param("remindersAtMost", "3").with(csrf()))
        .andExpect(redirectedUrl("/groups/" + GROUP + "/settings"));
    verify(settings).change(GROUP, "fr", new Group.Reminders(true, 10, 3));

    // member-service's 400, as the gateway reads it.
    BackendProblem refused = mock(BackendProblem.class);
    given(refused.is(400)).willReturn(true);
    given(refused.fieldErrors()).willReturn(Map.of("reminders.afterDays",
        "« Relancer après » doit être entre 1 et 60 jours."));
    given(settings.change(GROUP, "fr", new Group.Reminders(true, 0, 3))).willThrow(refused);
    mvc.perform(post("/groups/{g}/settings", GROUP).param("language", "fr").param("remindersEnabled", "true")
            .param("remindersAfterDays", "dix").param("remindersAtMost", "3").with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("« Relancer après » doit être entre 1 et 60 jours.")))
        .andExpect(content().string(containsString("value=\"dix\"")));
  }
}

package coop.roster.gateway.members;

import coop.roster.gateway.GatewaySettings;
import coop.roster.gateway.roster.Group;
import coop.roster.gateway.roster.Member;
import coop.roster.gateway.roster.MemberForm;
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

import java.time.Instant;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A household on the member pages: each partner's page links to the other; "Ajouter son conjoint" otherwise. */
@WebMvcTest(MembersController.class)
@Import(Formats.class)
@EnableConfigurationProperties(GatewaySettings.class)
@WithMockUser
class HouseholdPagesTest {

  private static final String GROUP = "amap-des-lilas";
  private static final Member.Address LILAS = new Member.Address("3 rue des Lilas", null, "69001", "Lyon");

  @Autowired
  MockMvc mvc;
  @MockitoBean
  MemberService memberService;
  @MockitoBean
  CurrentRights rights;

  @BeforeEach
  void aGroup() {
    given(memberService.group(GROUP)).willReturn(new Group(GROUP, "AMAP des Lilas", List.of()));
    given(rights.coordinates(any(), any())).willReturn(true);
  }

  @Test
  void aMemberPageLinksToTheirPartnersPage() throws Exception {
    given(memberService.member(GROUP, "jeanne")).willReturn(member("jeanne", "Jeanne", null,
        new Member.PartnerMember("paul", "Paul", "Martin", "paul@example.org")));

    mvc.perform(get("/groups/" + GROUP + "/members/jeanne"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("href=\"/groups/amap-des-lilas/members/paul\">Paul Martin</a>")))
        .andExpect(content().string(not(containsString("Ajouter son conjoint"))));
  }

  @Test
  void aMemberWithoutPartnerMemberOffersToAddTheirPartnerWithTheNotedPartnerPrefilled() throws Exception {
    given(memberService.member(GROUP, "jeanne")).willReturn(member("jeanne", "Jeanne",
        new Member.Person("Paul", "Martin", null, "06 98 76 54 32"), null));

    mvc.perform(get("/groups/" + GROUP + "/members/jeanne"))
        .andExpect(content().string(containsString("members/new?partnerOf=jeanne\">Ajouter son conjoint</a>")));
    mvc.perform(get("/groups/" + GROUP + "/members/new").param("partnerOf", "jeanne"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Conjoint(e) de Jeanne Martin")))
        .andExpect(content().string(containsString("name=\"partnerOf\" value=\"jeanne\"")))
        .andExpect(content().string(containsString("value=\"Paul\"")))
        .andExpect(content().string(containsString("value=\"06 98 76 54 32\"")))
        .andExpect(content().string(containsString("value=\"3 rue des Lilas\"")))
        .andExpect(content().string(not(containsString("name=\"partner.firstName\""))));
  }

  @Test
  void thePartnerFormPostsTheHouseholdToMemberService() throws Exception {
    given(memberService.create(eq(GROUP), any())).willReturn(member("paul", "Paul", null, null));

    mvc.perform(post("/groups/" + GROUP + "/members/new").with(csrf()).param("partnerOf", "jeanne")
            .param("email", "paul@example.org").param("firstName", "Paul").param("lastName", "Martin"))
        .andExpect(status().is3xxRedirection());

    verify(memberService).create(GROUP, new MemberForm("paul@example.org", "Paul", "Martin", null, null, null,
        "jeanne", null));
  }

  private static Member member(String id, String firstName, Member.Person partner, Member.PartnerMember linked) {
    return new Member(id, GROUP, new Member.Person(firstName, "Martin", id + "@example.org", null), partner, LILAS,
        "IMPORT", Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"), null, null, linked, null);
  }
}

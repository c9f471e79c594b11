package coop.roster.gateway.imports;

import coop.roster.gateway.GatewaySettings;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The import pages a coordinator sees when member-service's outcomes stopped coming: the report lists the rows
 * not confirmed and offers "Publier à nouveau", the progress bar stops asking. import-service is stubbed.
 */
@WebMvcTest(ImportsController.class)
@Import(Formats.class)
@EnableConfigurationProperties(GatewaySettings.class)
@WithMockUser
class ImportPagesTest {

  private static final String GROUP = "amap-des-lilas";
  private static final String IMPORT = "import-1";

  @Autowired
  MockMvc mvc;
  @MockitoBean
  ImportService importService;
  @MockitoBean
  MemberService memberService;
  /** Whether the caller still coordinates the group is the Coordinateurs tests' concern: here they do. */
  @MockitoBean
  CurrentRights rights;

  @BeforeEach
  void aGroupAndAnImportWhoseOutcomesStoppedComing() {
    given(memberService.group(GROUP)).willReturn(new Group(GROUP, "AMAP des Lilas", List.of()));
    given(rights.coordinates(any(), any())).willReturn(true);
    given(importService.get(GROUP, IMPORT, 0)).willReturn(incomplete());
    given(importService.report(GROUP, IMPORT, 0)).willReturn(new ReportView(IMPORT, "INCOMPLETE", false, 4, 2, 0,
        0, 0, 2, new ReportView.RejectedPage(List.of(), 0, 50, 0), 2, new ReportView.UnconfirmedPage(List.of(
            new ReportView.UnconfirmedView(3, Map.of("EMAIL", "bruno@example.org"),
                "Ligne 3 non confirmée : le service des adhérents n’a pas répondu à temps. Publiez-la à nouveau."),
            new ReportView.UnconfirmedView(4, Map.of("EMAIL", "chloe@example.org"),
                "Ligne 4 non confirmée : le service des adhérents n’a pas répondu à temps. Publiez-la à nouveau.")),
            0, 50, 2), true, 2));
  }

  @Test
  void theReportListsTheRowsNotConfirmedAndOffersToPublishThemAgain() throws Exception {
    mvc.perform(get("/groups/{g}/imports/{i}", GROUP, IMPORT))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("2 lignes non confirmées")))
        .andExpect(content().string(containsString("bruno@example.org")))
        .andExpect(content().string(containsString("Ligne 4 non confirmée")))
        .andExpect(content().string(containsString(
            "action=\"/groups/" + GROUP + "/imports/" + IMPORT + "/republish\"")))
        .andExpect(content().string(containsString("name=\"_csrf\"")))
        .andExpect(content().string(containsString("Publier à nouveau")))
        .andExpect(content().string(not(containsString("Import terminé"))));
  }

  @Test
  void theReportIsInEnglishWhenAskedTo() throws Exception {
    mvc.perform(get("/groups/{g}/imports/{i}", GROUP, IMPORT).param("lang", "en"))
        .andExpect(content().string(containsString("2 rows not confirmed")))
        .andExpect(content().string(containsString("Publish again")));
  }

  @Test
  void publishingAgainGoesBackToTheProgressPage() throws Exception {
    mvc.perform(post("/groups/{g}/imports/{i}/republish", GROUP, IMPORT).with(csrf()))
        .andExpect(redirectedUrl("/groups/" + GROUP + "/imports/" + IMPORT));
    verify(importService).republish(GROUP, IMPORT);
  }

  @Test
  void theProgressBarOfAnInterruptedImportStopsAskingAndLeadsToTheReport() throws Exception {
    mvc.perform(get("/groups/{g}/imports/{i}/progress", GROUP, IMPORT))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("hx-get"))))
        .andExpect(content().string(containsString("2 lignes n’ont pas été confirmées")))
        .andExpect(content().string(containsString("Voir le compte rendu")));
  }

  @Test
  void cancellingAnUnconfirmedImportGoesBackToTheUploadPage() throws Exception {
    mvc.perform(post("/groups/{g}/imports/{i}/cancellation", GROUP, IMPORT).with(csrf()))
        .andExpect(redirectedUrl("/groups/" + GROUP + "/imports"));
    verify(importService).cancel(GROUP, IMPORT);
  }

  @Test
  void thePreviewOfAWorkbookNamesItsSheetAndOffersTheOthersHiddenOnesMarked() throws Exception {
    given(importService.get(GROUP, "workbook", 0)).willReturn(new ImportView("workbook", GROUP, "READY",
        new ImportView.FileView("adherents.xlsx", 9000, "UTF-8", ";", "Adhérents 2026", List.of(
            new ImportView.Sheet("Adhérents 2026", false), new ImportView.Sheet("Archives", true),
            new ImportView.Sheet("2025", false))),
        new ImportView.MappingView("HEADERS", true, List.of(), List.of(), List.of(), List.of()),
        new ImportView.Counts(2, 2, 0, 0, 0), List.of(), null, null, null,
        Instant.parse("2026-12-06T10:00:00Z"), null, null));

    mvc.perform(get("/groups/{g}/imports/{i}", GROUP, "workbook"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("adherents.xlsx (9")))
        .andExpect(content().string(containsString("feuille « Adhérents 2026 »")))
        .andExpect(content().string(not(containsString("séparateur point-virgule"))))
        .andExpect(content().string(containsString("<option value=\"Adhérents 2026\" selected=\"selected\">")))
        .andExpect(content().string(containsString(">Archives (masquée)</option>")))
        .andExpect(content().string(containsString(">2025</option>")))
        .andExpect(content().string(containsString("Lire cette feuille")));
    mvc.perform(get("/groups/{g}/imports/{i}", GROUP, "workbook").param("lang", "en"))
        .andExpect(content().string(containsString(">Archives (hidden)</option>")));
  }

  @Test
  void choosingAnotherSheetReadsItAndShowsTheNewPreview() throws Exception {
    mvc.perform(post("/groups/{g}/imports/{i}/sheet", GROUP, "workbook").with(csrf()).param("sheet", "2025"))
        .andExpect(redirectedUrl("/groups/" + GROUP + "/imports/workbook"));
    verify(importService).chooseSheet(GROUP, "workbook", "2025");
  }

  @Test
  void theReportSaysHowManyPeopleTheRowsGaveWhenPartnersAreMembersOfTheirOwn() throws Exception {
    given(importService.get(GROUP, "couples", 0)).willReturn(new ImportView("couples", GROUP, "COMPLETED",
        new ImportView.FileView("cagette.csv", 300, "UTF-8", ";"), null, new ImportView.Counts(2, 2, 0, 0, 0),
        List.of(), null, "SKIP", new ImportView.Progress(2, 2, 0, 0, 0), Instant.parse("2026-12-06T10:00:00Z"),
        Instant.parse("2026-12-06T10:01:00Z"), Instant.parse("2026-12-06T10:02:00Z")));
    given(importService.report(GROUP, "couples", 0)).willReturn(new ReportView("couples", "COMPLETED", true, 2, 2, 0,
        0, 0, 0, new ReportView.RejectedPage(List.of(), 0, 50, 0), 0, null, false, 3));

    mvc.perform(get("/groups/{g}/imports/{i}", GROUP, "couples"))
        .andExpect(content().string(containsString("2 lignes ont donné 3 personnes")));
    mvc.perform(get("/groups/{g}/imports/{i}", GROUP, "couples").param("lang", "en"))
        .andExpect(content().string(containsString("2 rows gave 3 people")));
  }

  private static ImportView incomplete() {
    return new ImportView(IMPORT, GROUP, "INCOMPLETE", new ImportView.FileView("membres.csv", 120, "UTF-8", ";"),
        null, new ImportView.Counts(4, 4, 0, 0, 0), List.of(), null, "SKIP",
        new ImportView.Progress(4, 2, 0, 0, 0), Instant.parse("2026-12-06T10:00:00Z"),
        Instant.parse("2026-12-06T10:01:00Z"), null);
  }
}

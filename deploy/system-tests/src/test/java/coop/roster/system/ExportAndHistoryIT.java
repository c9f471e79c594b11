package coop.roster.system;

import coop.roster.stack.keycloak.TestAccounts;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Exporter" and "Historique" in Chromium, against the whole system: a coordinator imports a spreadsheet, edits a
 * member and invites one; "Exporter" downloads the list as CSV and as .xlsx, both read back (and the CSV imported
 * again changes nobody); "Historique" lists the import (its report reached from there), the invitation and the
 * edit, in French and in English. Screenshots in {@code target/screenshots/export-and-history/}.
 */
@ExtendWith(RosterSystem.class)
class ExportAndHistoryIT {

  private static final String HEADERS = "Prénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);Nom conjoint(e);"
      + "Courriel conjoint(e);Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville;Langue";

  @Test
  void aCoordinatorExportsTheListAndFindsWhatWasDoneInTheHistory(RosterSystem system) throws Exception {
    String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
    String domain = group + ".example";
    String coordinator = "elise@" + domain;
    system.createGroup(group, "AMAP des Lilas", coordinator, "Élise", "Dupré");
    String gateway = system.gatewayUrl();

    try (Browser elise = Browser.open("export-and-history")) {
      elise.go(gateway + "/");
      elise.await(driver -> driver.getCurrentUrl().contains("/realms/roster/"));
      elise.type(By.id("username"), coordinator).type(By.id("password"), TestAccounts.PASSWORD);
      elise.click(By.id("kc-login"));
      elise.awaitText(By.tagName("h1"), "Gestion adhérents");

      // An import of two people: a phone number and a postcode with a leading zero.
      elise.click("Importer");
      elise.awaitText(By.tagName("h1"), "Importer des adhérents");
      elise.find(By.id("file")).sendKeys(spreadsheet("liste-" + group, domain).toString());
      elise.click("Voir l’aperçu");
      elise.awaitText(By.tagName("h1"), "Aperçu de l’import");
      assertThat(elise.text(By.id("count-new"))).isEqualTo("2");
      elise.click(By.id("consent"));
      elise.click(By.id("confirm-import"));
      elise.awaitText(By.id("import-result"), "Import terminé");

      // Camille's city changed by hand, and Camille invited alone.
      elise.go(gateway + "/groups/" + group + "/members?q=camille");
      elise.click(By.partialLinkText("Martin"));
      elise.awaitText(By.tagName("h1"), "Camille Martin");
      elise.click("Modifier");
      elise.awaitText(By.tagName("h1"), "Modifier");
      elise.type(By.id("address-city"), "Bagnolet");
      elise.click("Enregistrer");
      elise.awaitText(By.cssSelector(".notice.success"), "sont enregistrées");
      elise.click("Envoyer une invitation");
      elise.awaitText(By.cssSelector(".notice.success"), "Invitation demandée pour Camille Martin");

      // "Exporter": the whole list, as CSV, then as .xlsx.
      elise.go(gateway + "/groups/" + group + "/members");
      elise.awaitText(By.tagName("h1"), "Gestion adhérents");
      assertThat(elise.text(By.cssSelector(".export"))).contains("Exporter");
      elise.screenshot("exporter");
      elise.click(By.id("export-csv"));
      Path csv = elise.awaitDownload(".csv");
      String text = new String(Files.readAllBytes(csv), StandardCharsets.UTF_8);
      assertThat(text).startsWith("\uFEFF" + HEADERS + "\r\n");
      List<String> rows = text.substring(1).lines().skip(1).toList();
      assertThat(rows).containsExactlyInAnyOrder(
          "Élise;Dupré;" + coordinator + ";;;;;;;;;;",
          "Camille;Martin;camille@" + domain + ";06 12 34 56 78;;;;;12 rue des Lilas;;01000;Bagnolet;",
          "Hélène;de La Fontaine;helene@" + domain + ";'+33 6 11 22 33 44;;;;;;;;;");

      elise.click(By.id("export-xlsx"));
      Path xlsx = elise.awaitDownload(".xlsx");
      List<String> workbookRows = new ArrayList<>();
      try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
        Sheet sheet = workbook.getSheetAt(0);
        for (Row row : sheet) {
          List<String> cells = new ArrayList<>();
          for (int column = 0; column < 13; column++) {
            Cell cell = row.getCell(column);
            assertThat(cell == null || cell.getCellType() == CellType.STRING).as("text cells only").isTrue();
            cells.add(cell == null ? "" : cell.getStringCellValue());
          }
          workbookRows.add(String.join(";", cells));
        }
      }
      assertThat(workbookRows.getFirst()).isEqualTo(HEADERS);
      assertThat(workbookRows).contains(
          "Camille;Martin;camille@" + domain + ";06 12 34 56 78;;;;;12 rue des Lilas;;01000;Bagnolet;",
          "Hélène;de La Fontaine;helene@" + domain + ";+33 6 11 22 33 44;;;;;;;;;");

      // The CSV imported again: everybody is already a member, nobody new, nothing invalid.
      elise.click("Importer");
      elise.awaitText(By.tagName("h1"), "Importer des adhérents");
      elise.find(By.id("file")).sendKeys(csv.toString());
      elise.click("Voir l’aperçu");
      elise.awaitText(By.tagName("h1"), "Aperçu de l’import");
      assertThat(elise.text(By.id("count-rows"))).isEqualTo("3");
      assertThat(elise.text(By.id("count-new"))).isEqualTo("0");
      assertThat(elise.text(By.id("count-existing"))).isEqualTo("3");
      assertThat(elise.text(By.id("count-invalid"))).isEqualTo("0");
      elise.click(By.id("cancel-import"));

      // "Historique": the import, with its report a click away, and back.
      elise.go(gateway + "/groups/" + group + "/members");
      elise.click("Historique");
      elise.awaitText(By.tagName("h1"), "Historique");
      assertThat(elise.text(By.cssSelector("main table"))).contains("liste-" + group + ".csv", coordinator,
          "2 lignes : 2 ajoutés, 0 mis à jour, 0 déjà adhérents, 0 non importés");
      elise.screenshot("historique-imports");
      elise.click("Compte rendu");
      elise.awaitText(By.tagName("h1"), "Compte rendu de l’import");
      assertThat(elise.text(By.id("import-result"))).contains("2 adhérents ajoutés");
      elise.click("Historique");
      elise.awaitText(By.tagName("h1"), "Historique");

      elise.click("Invitations");
      elise.awaitText(By.id("history-title"), "Invitations");
      assertThat(elise.text(By.cssSelector("main table tbody"))).contains("Élise Dupré", "Adhérents choisis", "1");
      elise.screenshot("historique-invitations");
      elise.click("Suivi de l’envoi");
      elise.awaitText(By.tagName("h1"), "Envoi des invitations");
      elise.go(gateway + "/groups/" + group + "/history?show=members");
      elise.awaitText(By.id("history-title"), "Modifications d’adhérents");
      assertThat(elise.text(By.cssSelector("main table tbody"))).contains("Modifié", "Camille Martin", "Élise Dupré");
      elise.screenshot("historique-adherents");

      // The same in English.
      elise.go(gateway + "/groups/" + group + "/history?show=members&lang=en");
      elise.awaitText(By.tagName("h1"), "History");
      assertThat(elise.text(By.id("history-title"))).isEqualTo("Member changes");
      assertThat(elise.text(By.cssSelector("main table tbody"))).contains("Edited", "Camille Martin");
      elise.screenshot("history-members-en");
      elise.click("Imports");
      elise.awaitText(By.id("history-title"), "Imports");
      assertThat(elise.text(By.cssSelector("main table"))).contains("2 rows: 2 added, 0 updated", "Report");
      elise.click("Invitations");
      elise.awaitText(By.id("history-title"), "Invitations");
      assertThat(elise.text(By.cssSelector("main table tbody"))).contains("Chosen members");
      elise.go(gateway + "/groups/" + group + "/members");
      assertThat(elise.text(By.cssSelector(".export"))).contains("Export:", "CSV", "Excel (.xlsx)");
      elise.screenshot("members-export-en");
    }
  }

  /** A spreadsheet as a coordinator keeps it: a phone number typed with its country code, a postcode with a 0. */
  private static Path spreadsheet(String name, String domain) throws Exception {
    String csv = String.join("\r\n", HEADERS,
        "Camille;Martin;camille@" + domain + ";06 12 34 56 78;;;;;12 rue des Lilas;;01000;Paris",
        "Hélène;de La Fontaine;helene@" + domain + ";+33 6 11 22 33 44;;;;;;;;") + "\r\n";
    Path file = Files.createTempDirectory("roster-export-").resolve(name + ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }
}

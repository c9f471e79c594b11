package coop.roster.system.security;

import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.system.Browser;
import coop.roster.system.RosterSystem;
import coop.roster.testing.Mailbox;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member whose every field holds script or formula payloads, created through the API and through an import: the
 * gateway's pages show the payloads as text (Chromium runs nothing of them), the invitation mail escapes them, and
 * every CSV a coordinator downloads (export, rejected rows) puts an apostrophe before a cell a spreadsheet would run.
 * The names mix capitals and small letters so that the import's tidying of names leaves them as typed.
 */
@ExtendWith(RosterSystem.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayloadsIT {

  static final String SCRIPT = "<script>alert('XSS')</script>";
  static final String IMAGE = "<img src=x onerror=alert('XSS')>";
  static final String REJECTED_EMAIL = "<script>alert(2)</script>";
  static final String HYPERLINK = "=HYPERLINK(\"http://evil.example\",\"Clic\")";
  /** A cell that starts with {@code = + - @} (after an optional quote): what a spreadsheet runs as a formula. */
  private static final Pattern FORMULA_CELL = Pattern.compile("(^|;)\"?[=+\\-@]");

  private final String group = "amap-" + UUID.randomUUID().toString().substring(0, 8);
  private final String ines = "ines@" + group + ".example";
  private RosterSystem system;
  private String token;

  @BeforeAll
  void aGroup(RosterSystem system) {
    this.system = system;
    system.createGroup(group, "AMAP des Échappés", ines, "Inès", "Garnier");
    token = system.accounts().token(ines, TestAccounts.PASSWORD);
  }

  /** Every field of a member that is free text, each holding a payload. */
  private static Map<String, Object> payloadMember(String email) {
    Map<String, Object> partner = new LinkedHashMap<>();
    partner.put("firstName", IMAGE);
    partner.put("lastName", "@SUM(1+1)");
    partner.put("phone", "+cmd");
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("line1", HYPERLINK);
    address.put("line2", "-1+1");
    address.put("postcode", "@SUM(1+1)");
    address.put("city", "<script>alert(1)</script>");
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("email", email);
    member.put("firstName", SCRIPT);
    member.put("lastName", IMAGE + " Payload");
    member.put("phone", "+cmd");
    member.put("partner", partner);
    member.put("address", address);
    return member;
  }

  @Test
  void aMemberCreatedThroughTheApiIsShownAsTextExportedFormulaSafeAndEscapedInTheInvitationMail() throws Exception {
    String email = "script-" + UUID.randomUUID().toString().substring(0, 6) + "@" + group + ".example";
    Http.Answer created = Http.call("POST", members(), token, payloadMember(email));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String memberId = created.json().get("id").asString();

    try (Browser browser = Browser.open("security-payloads-api")) {
      logIn(browser, system.gatewayUrl() + "/groups/" + group + "/members", ines);
      browser.await(driver -> browser.page().contains(IMAGE + " Payload"));
      assertNothingRan(browser, SCRIPT);
      browser.screenshot("liste-texte");
      browser.go(system.gatewayUrl() + "/groups/" + group + "/members/" + memberId);
      browser.await(driver -> browser.page().contains("alert(1)"));
      assertThat(browser.page()).contains(SCRIPT, IMAGE, HYPERLINK, "<script>alert(1)</script>", "@SUM(1+1)", "-1+1");
      assertNothingRan(browser, SCRIPT);
      browser.screenshot("fiche-texte");
    }

    String export = Http.get(members() + "/export", token).body();
    assertThat(export).contains("'" + HYPERLINK.replace("\"", "\"\""), "'-1+1", "'@SUM(1+1)", "'+cmd", SCRIPT);
    assertFormulaSafe(export);

    Http.Answer invited = Http.call("POST", system.url("member-service") + "/api/groups/" + group + "/invitations",
        token, Map.of("memberIds", List.of(memberId)));
    assertThat(invited.status()).as(invited.toString()).isEqualTo(202);
    String html = html(awaitMail(email));
    assertThat(html).contains("&lt;script&gt;alert(&#39;XSS&#39;)&lt;/script&gt;").doesNotContain(SCRIPT);
  }

  @Test
  void aRowImportedWithThePayloadsIsShownAsTextAndTheRejectedRowsFileIsFormulaSafe() {
    String email = "import-" + UUID.randomUUID().toString().substring(0, 6) + "@" + group + ".example";
    String header = "Prénom;Nom;Courriel;Téléphone portable;Prénom conjoint(e);Nom conjoint(e);Courriel conjoint(e);"
        + "Téléphone conjoint(e);Adresse 1;Adresse 2;Code postal;Ville";
    String payloads = SCRIPT + ";" + IMAGE + " Importé;%s;+cmd;" + IMAGE + ";@SUM(1+1);;+cmd;\""
        + HYPERLINK.replace("\"", "\"\"") + "\";-1+1;@SUM(1+1);<script>alert(1)</script>";
    // The second row's e-mail is itself a payload: not an address, so rejected, and shown in the report.
    String file = header + "\n" + payloads.formatted(email) + "\n" + payloads.formatted(REJECTED_EMAIL) + "\n";
    String importId = upload(file.getBytes(StandardCharsets.UTF_8));
    String imports = system.url("import-service") + "/api/groups/" + group + "/imports/" + importId;
    Http.Answer confirmed = Http.call("POST", imports + "/confirmation", token,
        Map.of("policy", "SKIP", "consent", true));
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(202);
    awaitStatus(imports, "COMPLETED");

    String rejected = Http.get(imports + "/rejected.csv", token).body();
    assertThat(rejected).contains(REJECTED_EMAIL, "'@SUM(1+1)", "'-1+1", "'+cmd", SCRIPT);
    assertFormulaSafe(rejected);

    try (Browser browser = Browser.open("security-payloads-import")) {
      logIn(browser, system.gatewayUrl() + "/groups/" + group + "/imports/" + importId, ines);
      browser.await(driver -> browser.page().contains(REJECTED_EMAIL));
      assertNothingRan(browser, REJECTED_EMAIL);
      browser.screenshot("rapport-import-texte");
      browser.go(system.gatewayUrl() + "/groups/" + group + "/members?q=Importé");
      browser.await(driver -> browser.page().contains(IMAGE + " Importé"));
      assertNothingRan(browser, SCRIPT);
      browser.click(By.partialLinkText("Importé"));
      browser.await(driver -> browser.page().contains("alert(1)"));
      assertThat(browser.page()).contains(SCRIPT, HYPERLINK, "<script>alert(1)</script>");
      assertNothingRan(browser, SCRIPT);
      browser.screenshot("fiche-importee-texte");
    }
  }

  /** The payload is on the page as text, and nothing of it became an element or ran. */
  private static void assertNothingRan(Browser browser, String visible) {
    WebDriver driver = browser.driver();
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(browser.page()).contains(visible);
    assertThat(driver.findElements(By.cssSelector("img[src='x'], img[onerror]"))).isEmpty();
    assertThat(driver.findElements(By.tagName("script"))).allSatisfy(script ->
        assertThat(script.getAttribute("innerHTML")).doesNotContain("alert("));
  }

  private static void assertFormulaSafe(String csv) {
    for (String line : csv.replace("\uFEFF", "").split("\r\n")) {
      assertThat(FORMULA_CELL.matcher(line).find()).as("a cell a spreadsheet would run, in: " + line).isFalse();
    }
  }

  private String members() {
    return system.url("member-service") + "/api/groups/" + group + "/members";
  }

  private String upload(byte[] file) {
    String url = system.url("import-service") + "/api/groups/" + group + "/imports";
    Instant deadline = Instant.now().plusSeconds(60);
    Http.Answer answer = Http.upload(url, token, "adherents.csv", file);
    while (answer.status() != 201 && Instant.now().isBefore(deadline)) {
      TokensIT.pause();
      answer = Http.upload(url, token, "adherents.csv", file);
    }
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(answer.json().path("status").asString()).as(answer.toString()).isEqualTo("READY");
    return answer.json().get("id").asString();
  }

  private void awaitStatus(String importUrl, String status) {
    Instant deadline = Instant.now().plusSeconds(120);
    Http.Answer answer = Http.get(importUrl, token);
    while (!status.equals(answer.json().path("status").asString()) && Instant.now().isBefore(deadline)) {
      TokensIT.pause();
      answer = Http.get(importUrl, token);
    }
    assertThat(answer.json().path("status").asString()).as(answer.toString()).isEqualTo(status);
  }

  private MimeMessage awaitMail(String email) {
    Mailbox mailbox = Mailbox.at(system.mailApiUrl());
    Instant deadline = Instant.now().plusSeconds(120);
    List<MimeMessage> mails = mailbox.messages(email);
    while (mails.isEmpty() && Instant.now().isBefore(deadline)) {
      TokensIT.pause();
      mails = mailbox.messages(email);
    }
    assertThat(mails).as("the invitation mail to " + email).isNotEmpty();
    return mails.getFirst();
  }

  private static String html(Part part) throws Exception {
    if (part.isMimeType("text/html")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String html = html(child);
        if (html != null) {
          return html;
        }
      }
    }
    return null;
  }

  static void logIn(Browser browser, String url, String email) {
    browser.go(url);
    browser.await(driver -> driver.findElements(By.id("kc-form-login")).size() == 1);
    browser.type(By.id("username"), email).type(By.id("password"), TestAccounts.PASSWORD).click(By.id("kc-login"));
  }
}

package coop.roster.invitation.delivery;

import coop.roster.events.InvitationFailed;
import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.InvitationStatus;
import coop.roster.invitation.testing.RunningService;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.testing.HeadlessChromium;
import coop.roster.testing.Mailbox;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invitations as member-service requests them and members receive them: real Kafka, Keycloak with the
 * identity extension, GreenMail, and headless Chromium for the links.
 */
class InvitationDeliveryIT extends RunningService {

  private static final String PASSWORD = "des radis et des poireaux tous les jeudis";
  private static final Pattern BUTTON =
      Pattern.compile("<a href=\"([^\"]+)\"[^>]*>(?:Définir mon mot de passe|Set my password)</a>");

  private final Mailbox mailbox = Mailbox.fromSystemProperties();


  @Test
  void aRequestForThreeMembersGivesThreeMailsWhoseLinksLetEachSetAPasswordAndLandLoggedIn() throws Exception {
    List<InvitationRequested> request = request(3, "fr");
    request.forEach(events::publish);

    List<InvitationStatus> statuses = awaitStatuses(events, request.getFirst().requestId(), 3, Duration.ofSeconds(60));
    assertThat(statuses).allSatisfy(status -> assertThat(status).isInstanceOf(InvitationSent.class));
    for (InvitationRequested invitation : request) {
      List<MimeMessage> mails = mailbox.messages(invitation.email());
      assertThat(mails).as(invitation.email()).hasSize(1);
      String link = buttonLink(mails.getFirst());
      try (HeadlessChromium browser = new HeadlessChromium("fr-FR,fr")) {
        browser.open(link);
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("kc-passwd-update-form")));
        browser.find(By.id("password-new")).sendKeys(PASSWORD);
        browser.find(By.id("password-confirm")).sendKeys(PASSWORD);
        browser.find(By.id("kc-submit")).click();
        browser.await(driver -> driver.getCurrentUrl().startsWith(APPLICATION.base()));
        assertThat(browser.text()).contains("Bienvenue dans Roster");

        // Logged in: the application's own login is answered at once, with a code for this member.
        String keycloak = System.getProperty("KEYCLOAK_URL");
        browser.open(keycloak + "/realms/roster/protocol/openid-connect/auth?response_type=code&scope=openid"
            + "&client_id=" + webClientId() + "&redirect_uri=" + APPLICATION.base() + "/&state=s");
        browser.await(driver -> driver.getCurrentUrl().startsWith(APPLICATION.base())
            && driver.getCurrentUrl().contains("code="));
      }
      // And from now on the member logs in with e-mail and password.
      assertThat(TestAccounts.fromSystemProperties().user(invitation.email()).get("enabled").asBoolean()).isTrue();
    }
  }

  @Test
  void moreNewMembersThanOneChunkOfAccountsEachGetTheirAccountAndOneMailWithTheirOwnLink() throws Exception {
    // Three chunks of accounts (50, 50, 20) and one member who logs in already: each chunk is made while the
    // one before is mailed.
    List<InvitationRequested> request = request(2 * Deliveries.ACCOUNT_CHUNK + 20, "fr");
    TestAccounts accounts = TestAccounts.fromSystemProperties();
    accounts.accessToken(TestAccounts.Person.member(request.getFirst().email()));
    request.forEach(events::publish);

    List<InvitationStatus> statuses = awaitStatuses(events, request.getFirst().requestId(), request.size(),
        Duration.ofSeconds(120));
    assertThat(statuses).hasSize(request.size())
        .allSatisfy(status -> assertThat(status).isInstanceOf(InvitationSent.class));
    for (InvitationRequested invitation : request.subList(1, request.size())) {
      List<MimeMessage> mails = mailbox.messages(invitation.email());
      assertThat(mails).as(invitation.email()).hasSize(1);
      assertThat(buttonLink(mails.getFirst())).as(invitation.email()).contains("login-actions/action-token");
      assertThat(accounts.user(invitation.email()).get("firstName").asString()).isEqualTo("Zoé");
    }
    assertThat(mailbox.messages(request.getFirst().email())).singleElement()
        .satisfies(mail -> assertThat(((MimeMultipart) mail.getContent()).getBodyPart(0).getContent().toString())
            .contains("Vous avez déjà un compte Roster"));
  }

  @Test
  void redeliveringTheSameEventsSendsNothingMoreAndAnswersTheSameStatuses() {
    List<InvitationRequested> request = request(3, "fr");
    String requestId = request.getFirst().requestId();
    request.forEach(events::publish);
    List<InvitationStatus> first = awaitStatuses(events, requestId, 3, Duration.ofSeconds(60));

    request.forEach(events::publish);
    request.forEach(events::publish);

    // As long as the first delivery may take: the shared service may still be busy with an earlier test's batch.
    await().atMost(Duration.ofSeconds(60)).until(() -> events.statuses(requestId).size() >= 9);
    assertThat(events.statuses(requestId).stream().map(InvitationStatus::eventId).distinct())
        .containsExactlyInAnyOrderElementsOf(first.stream().map(InvitationStatus::eventId).toList());
    for (InvitationRequested invitation : request) {
      assertThat(mailbox.count(invitation.email())).as(invitation.email()).isEqualTo(1);
    }
  }

  @Test
  void theMailIsTextAndHtmlWithHeadersAndAccentsCorrectlyEncoded() throws Exception {
    InvitationRequested invitation = request(1, "fr").getFirst();
    events.publish(invitation);
    awaitStatuses(events, invitation.requestId(), 1, Duration.ofSeconds(60));

    MimeMessage mail = mailbox.messages(invitation.email()).getFirst();
    assertThat(mail.getSubject()).isEqualTo("Élise Dupré vous invite sur Roster – AMAP des Lilas");
    assertThat(mail.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    InternetAddress from = (InternetAddress) mail.getFrom()[0];
    assertThat(from.getPersonal()).isEqualTo("AMAP des Lilas");
    assertThat(from.getAddress()).isEqualTo("ne-pas-repondre@roster.localhost");
    InternetAddress replyTo = (InternetAddress) mail.getReplyTo()[0];
    assertThat(replyTo.getAddress()).isEqualTo(invitation.inviterEmail());
    assertThat(replyTo.getPersonal()).isEqualTo("Élise Dupré");
    Address to = mail.getRecipients(MimeMessage.RecipientType.TO)[0];
    assertThat(((InternetAddress) to).getPersonal()).isEqualTo("Zoé Château-0");
    assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(mail.getMessageID()).matches("<invitation\\.[0-9a-f-]{36}@roster\\.localhost>");
    assertThat(mail.getSentDate()).isNotNull();
    assertThat(String.join("", mail.getHeader("Content-Type"))).contains("multipart/alternative");

    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
    String plain = (String) text.getContent();
    String page = (String) html.getContent();
    assertThat(plain).contains("Bonjour Zoé,", "Élise Dupré vous invite à rejoindre AMAP des Lilas sur Roster.",
        "Cliquez sur « Connexion »", invitation.email(), "Ce lien fonctionne une seule fois, jusqu'au ", "elise@");
    assertThat(page).contains("Définir mon mot de passe", "Bonjour Zoé,", "Cliquez sur « Connexion »",
        "Ce bouton fonctionne une seule fois")
        .doesNotContain("<img", "http://fonts", "<link");

    // Every link is absolute: the button goes to Keycloak, the help page to the configured public URL.
    String button = buttonLink(mail);
    assertThat(URI.create(button).isAbsolute()).isTrue();
    assertThat(button).startsWith(System.getProperty("KEYCLOAK_URL") + "/realms/roster/login-actions/action-token?")
        .as("Keycloak's pages in the mail's language").endsWith("&kc_locale=fr");
    assertThat(plain).contains(button, APPLICATION.base() + "/comment-se-connecter");
    assertThat(page).contains("href=\"" + APPLICATION.base() + "/comment-se-connecter\"");
    assertThat(hrefs(page)).allSatisfy(href -> assertThat(URI.create(href).isAbsolute()).as(href).isTrue());
  }

  @Test
  void aMemberWhoReadsEnglishGetsTheMailInEnglish() throws Exception {
    InvitationRequested invitation = request(1, "en-GB").getFirst();
    events.publish(invitation);
    awaitStatuses(events, invitation.requestId(), 1, Duration.ofSeconds(60));

    MimeMessage mail = mailbox.messages(invitation.email()).getFirst();
    assertThat(mail.getSubject()).isEqualTo("Élise Dupré invites you to Roster – AMAP des Lilas");
    String page = (String) ((MimeMultipart) mail.getContent()).getBodyPart(1).getContent();
    assertThat(page).contains("Set my password", "Click \"Log in\"".replace("\"", "&quot;"));
    assertThat(buttonLink(mail)).as("Keycloak's pages in English").endsWith("&kc_locale=en");
  }

  @Test
  void aMemberWhoHasAPasswordIsInvitedToLogInWithoutASetPasswordLink() throws Exception {
    InvitationRequested invitation = request(1, "fr").getFirst();
    TestAccounts.fromSystemProperties().accessToken(TestAccounts.Person.member(invitation.email()));
    events.publish(invitation);

    InvitationStatus status = awaitStatuses(events, invitation.requestId(), 1, Duration.ofSeconds(60)).getFirst();
    assertThat(status).isInstanceOf(InvitationSent.class);
    MimeMessage mail = mailbox.messages(invitation.email()).getFirst();
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    String plain = (String) parts.getBodyPart(0).getContent();
    String page = (String) parts.getBodyPart(1).getContent();
    assertThat(plain).contains("Vous avez déjà un compte Roster", "Connexion", "« Mot de passe oublié ? »",
        APPLICATION.base() + "/comment-se-connecter");
    assertThat(page).contains(">Connexion</a>", "href=\"" + APPLICATION.base() + "/\"")
        .doesNotContain("Définir mon mot de passe", "login-actions/action-token", "fonctionne une seule fois");
    assertThat(plain).doesNotContain("Définir mon mot de passe", "login-actions/action-token");
  }

  @Test
  void anAddressNoRelayCanDeliverToIsAPermanentFailureAtOnce() {
    InvitationRequested valid = request(1, "fr").getFirst();
    InvitationRequested invalid = new InvitationRequested(valid.eventId(), valid.occurredAt(), valid.requestId(),
        valid.groupId(), valid.memberId(), "zoé château@@" + valid.groupId() + ".example", valid.firstName(),
        valid.lastName(), valid.locale(), valid.groupName(), valid.inviterName(), valid.inviterEmail());
    events.publish(invalid);

    InvitationStatus status = awaitStatuses(events, invalid.requestId(), 1, Duration.ofSeconds(30)).getFirst();
    assertThat(status).isInstanceOfSatisfying(InvitationFailed.class, failed -> {
      assertThat(failed.failure()).isEqualTo(InvitationFailed.Failure.PERMANENT);
      assertThat(failed.reason()).isEqualTo("invalid-address");
    });
  }

  static String buttonLink(MimeMessage mail) throws Exception {
    String page = (String) ((MimeMultipart) mail.getContent()).getBodyPart(1).getContent();
    Matcher button = BUTTON.matcher(page.replace("&amp;", "&"));
    assertThat(button.find()).as("the button in %s", page).isTrue();
    return button.group(1);
  }

  private static List<String> hrefs(String page) {
    return Pattern.compile("href=\"([^\"]+)\"").matcher(page).results().map(m -> m.group(1))
        .map(href -> href.replace("&amp;", "&")).collect(Collectors.toList());
  }

  @SuppressWarnings("unused")
  private static String decoded(String header) throws Exception {
    return MimeUtility.decodeText(header);
  }
}

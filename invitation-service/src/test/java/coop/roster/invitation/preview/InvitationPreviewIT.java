package coop.roster.invitation.preview;

import coop.roster.events.GroupCreated;
import coop.roster.events.MemberAdded;
import coop.roster.events.MemberSource;
import coop.roster.events.Person;
import coop.roster.invitation.testing.RunningService;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.testing.Mailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A coordinator previews the invitation a member would receive; nothing is sent. */
class InvitationPreviewIT extends RunningService {

  private static final String GROUP = "amap-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String MEMBER = UUID.randomUUID().toString();
  private static final String EMAIL = "zoe-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

  private final HttpClient http = HttpClient.newHttpClient();
  private final TestAccounts accounts = TestAccounts.fromSystemProperties();

  @BeforeAll
  static void aMemberOfAGroup() {
    events.publish(new GroupCreated(UUID.randomUUID(), Instant.now(), GROUP, "AMAP des Lilas", GROUP,
        List.of("elise-" + GROUP + "@example.org")));
    events.publish(new MemberAdded(UUID.randomUUID(), Instant.now(), MEMBER, GROUP,
        new Person("Zoé", "Château", EMAIL, null), null, null, MemberSource.MANUAL, null));
  }

  @Test
  void theCoordinatorSeesTheMailTheMemberWouldReceiveAndNothingIsSent() throws Exception {
    String token = accounts.coordinatorToken("elise-" + GROUP + "@example.org", GROUP);
    HttpResponse<String> html = awaitPreview(token, "", "fr");

    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html")
        .containsIgnoringCase("charset=UTF-8");
    assertThat(html.body()).contains("AMAP des Lilas", "Bonjour Zoé,", "Définir mon mot de passe",
        InvitationPreviewController.PLACEHOLDER_LINK, APPLICATION.base() + "/comment-se-connecter");

    HttpResponse<String> text = get(token, "?format=text&lang=en", "fr");
    assertThat(text.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(text.body()).contains("Hello Zoé,", "Set my password:", "invites you to join AMAP des Lilas");

    assertThat(Mailbox.fromSystemProperties().count(EMAIL)).isZero();
  }

  @Test
  void thePreviewShowsTheCoordinatorsNoteEscapedAndAReminderWording() throws Exception {
    String token = accounts.coordinatorToken("elise-" + GROUP + "@example.org", GROUP);
    String note = java.net.URLEncoder.encode("<b>À samedi</b>\nÉlise", java.nio.charset.StandardCharsets.UTF_8);

    HttpResponse<String> html = awaitPreview(token, "?note=" + note + "&reminderOf=2026-11-02T10:00:00Z", "fr");
    HttpResponse<String> tooLong = get(token, "?note=" + "a".repeat(1_001), "en");

    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.body()).contains("&lt;b&gt;À samedi&lt;/b&gt;<br>Élise", "Vous avez été invité·e le 2 novembre 2026")
        .doesNotContain("<b>À samedi");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("The personal note has at most 1,000 characters; this one has 1,001.");
  }

  @Test
  void aCoordinatorOfAnotherGroupIsRefusedAndSoIsAnAnonymousCaller() throws Exception {
    String other = accounts.coordinatorToken("paul-" + UUID.randomUUID() + "@example.org", "another-group");
    HttpResponse<String> forbidden = get(other, "", "fr");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(forbidden.body()).contains("Vous ne coordonnez pas ce groupe.");

    assertThat(get(null, "", "en").statusCode()).isEqualTo(401);
  }

  @Test
  void aMemberUnknownToTheServiceIsANotFoundProblemInTheCallersLanguage() throws Exception {
    String token = accounts.coordinatorToken("elise-" + GROUP + "@example.org", GROUP);
    HttpResponse<String> notFound = send(token, "/api/groups/" + GROUP + "/invitation-previews/nobody", "en");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.body()).contains("This member is not (or not yet) known to the invitation service");
  }

  private HttpResponse<String> awaitPreview(String token, String query, String language) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> get(token, query, language),
        response -> response.statusCode() != 404);
  }

  private HttpResponse<String> get(String token, String query, String language) throws Exception {
    return send(token, "/api/groups/" + GROUP + "/invitation-previews/" + MEMBER + query, language);
  }

  private HttpResponse<String> send(String token, String path, String language) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + environment.getRequiredProperty("local.server.port") + path)).header("Accept-Language", language);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

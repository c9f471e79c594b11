package coop.roster.stack;

import coop.roster.events.MemberLoggedIn;
import coop.roster.events.stream.EventMessages;
import coop.roster.stack.junit.RosterInfrastructure;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each part, started by the launcher, used the way the services use it. */
@RosterInfrastructure({Part.KAFKA, Part.MONGODB, Part.SMTP, Part.KEYCLOAK})
@SpringBootTest(classes = SmokeApplication.class)
class PartsIT {

  @Autowired
  StreamBridge streamBridge;
  @Autowired
  NoteRepository notes;
  @Autowired
  JavaMailSender mailSender;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anEventSentThroughSpringCloudStreamComesBackFromKafka() throws Exception {
    MemberLoggedIn sent = new MemberLoggedIn(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
        "kc-1", "alice@example.org");

    streamBridge.send("smoke.identity.events", EventMessages.of(sent));

    MemberLoggedIn received;
    do {
      received = SmokeApplication.RECEIVED.poll(60, TimeUnit.SECONDS);
    } while (received != null && !received.eventId().equals(sent.eventId()));
    assertThat(received).isEqualTo(sent);
  }

  @Test
  void aDocumentInsertedThroughSpringDataIsFoundAgain() {
    String group = "group-" + UUID.randomUUID();
    notes.save(new Note(null, group, "Distribution jeudi à 18 h"));

    assertThat(notes.findByGroup(group)).extracting(Note::text).containsExactly("Distribution jeudi à 18 h");
  }

  @Test
  void aMailSentOverSmtpIsReadBackFromGreenMail() throws Exception {
    String recipient = "zoe-" + UUID.randomUUID() + "@example.org";
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
    helper.setFrom("roster@example.org");
    helper.setTo(recipient);
    helper.setSubject("Bienvenue à l'AMAP");
    helper.setText("Bonjour Zoé");
    mailSender.send(message);

    String api = System.getProperty(Endpoints.SMTP_API_URL);
    HttpResponse<String> mails = http.send(HttpRequest.newBuilder(URI.create(api + "/api/user/"
        + URLEncoder.encode(recipient, StandardCharsets.UTF_8) + "/messages/")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(mails.statusCode()).isEqualTo(200);
    assertThat(mails.body()).contains(recipient);
  }

  @Test
  void aTokenIsObtainedFromAKeycloakRealm() throws Exception {
    String keycloak = System.getProperty(Endpoints.KEYCLOAK_URL);
    String form = "grant_type=password&client_id=admin-cli&username="
        + System.getProperty(Endpoints.KEYCLOAK_ADMIN_USERNAME) + "&password="
        + System.getProperty(Endpoints.KEYCLOAK_ADMIN_PASSWORD);

    HttpResponse<String> token = http.send(HttpRequest.newBuilder(
            URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(token.statusCode()).isEqualTo(200);
    assertThat(token.body()).contains("\"access_token\"").contains("\"token_type\":\"Bearer\"");
  }
}

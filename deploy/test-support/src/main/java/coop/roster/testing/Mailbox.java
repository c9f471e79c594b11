package coop.roster.testing;

import coop.roster.stack.Endpoints;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The mails GreenMail received, read through its REST API and parsed with Jakarta Mail as a mail client would. */
public final class Mailbox {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Session SESSION = Session.getInstance(new Properties());

  private final String api;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Mailbox(String api) {
    this.api = api;
  }

  /** GreenMail's API as the launcher's JUnit extension gave it to this JVM ({@link Endpoints#SMTP_API_URL}). */
  public static Mailbox fromSystemProperties() {
    return new Mailbox(System.getProperty(Endpoints.SMTP_API_URL));
  }

  /** GreenMail's API at this base URL ({@code http://127.0.0.1:<port>}). */
  public static Mailbox at(String api) {
    return new Mailbox(api);
  }

  /** Every message received for this address (none when GreenMail never saw it). */
  public List<MimeMessage> messages(String email) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/user/"
              + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).timeout(Duration.ofSeconds(30))
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        return List.of();
      }
      List<MimeMessage> messages = new ArrayList<>();
      for (JsonNode message : JSON.readTree(response.body())) {
        messages.add(new MimeMessage(SESSION, new ByteArrayInputStream(
            message.get("mimeMessage").asString().getBytes(StandardCharsets.UTF_8))));
      }
      return messages;
    } catch (Exception e) {
      throw new IllegalStateException("GreenMail's API at " + api + " did not answer: " + e.getMessage(), e);
    }
  }

  /** How many messages this address received. */
  public int count(String email) {
    return messages(email).size();
  }

  /** The plain-text part of a message, decoded (null when it has none). */
  public static String text(Part part) {
    try {
      if (part.isMimeType("text/plain")) {
        return (String) part.getContent();
      }
      if (part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          String text = text(child);
          if (text != null) {
            return text;
          }
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException("unreadable mail: " + e.getMessage(), e);
    }
  }
}

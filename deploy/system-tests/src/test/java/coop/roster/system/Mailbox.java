package coop.roster.system;

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

/** The mails GreenMail received, read through its REST API and parsed as a mail client would. */
final class Mailbox {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Session SESSION = Session.getInstance(new Properties());

  private final String api;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Mailbox(String api) {
    this.api = api;
  }

  /** Every message received for this address. */
  List<MimeMessage> messages(String email) {
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

  /** The plain-text part of a message, decoded. */
  static String text(Part part) {
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

package coop.roster.stack;

import coop.roster.stack.servers.ServerClasspaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** GreenMail standalone: an SMTP server that keeps every mail, and its REST API to read them back. */
final class SmtpServer {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private SmtpServer() {
  }

  static ChildProcess start(int smtpPort, int apiPort, Path logsDir) {
    ChildProcess server = ChildProcess.start("greenmail",
        ChildProcess.java(List.of("-Xms32m", "-Xmx256m",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                // No greenmail.verbose at all: GreenMail reads its mere presence (even "=false") as verbose, and
                // then logs every SMTP line at DEBUG, which made it the bottleneck of a local demo (~6 mails/s).
                "-Dgreenmail.auth.disabled"),
            ServerClasspaths.greenMail(), "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner", List.of()),
        Map.of(), logsDir, logsDir.resolve("greenmail.log"));
    server.awaitReady(READY_TIMEOUT, () -> isReady(apiPort));
    return server;
  }

  private static boolean isReady(int apiPort) {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<Void> response = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/service/readiness"))
              .timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }
}

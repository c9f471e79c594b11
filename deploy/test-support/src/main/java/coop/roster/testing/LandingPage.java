package coop.roster.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands for the application a member lands in after an invitation: answers a page, records the visits. */
public final class LandingPage implements AutoCloseable {

  private final HttpServer server;
  private final List<URI> visits = new CopyOnWriteArrayList<>();

  public LandingPage() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      visits.add(exchange.getRequestURI());
      byte[] page = "<html><body><h1>Bienvenue dans Roster</h1></body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<URI> visits() {
    return visits;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

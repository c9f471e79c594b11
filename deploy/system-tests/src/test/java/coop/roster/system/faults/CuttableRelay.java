package coop.roster.system.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the SMTP relay that can drop every connection at once: while {@linkplain #cut() cut},
 * it closes the open connections and every new one as soon as it is accepted (the client sees the relay go
 * away in the middle of a conversation, then no greeting at all); {@linkplain #pass() passing} again, it relays
 * bytes both ways untouched. Plain sockets, a virtual thread per direction.
 */
final class CuttableRelay implements AutoCloseable {

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  CuttableRelay(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("relay-accept").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Drops every open connection and, until {@link #pass()}, every new one. */
  void cut() {
    cut = true;
    open.forEach(CuttableRelay::closeQuietly);
    open.clear();
  }

  void pass() {
    cut = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket relay = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(relay);
        Thread.ofVirtual().start(() -> pump(client, relay));
        Thread.ofVirtual().start(() -> pump(relay, client));
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // The other side closed, or the connection was cut: end both.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all we wanted.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut();
  }
}

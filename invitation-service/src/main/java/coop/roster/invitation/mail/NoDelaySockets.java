package coop.roster.invitation.mail;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Plain sockets to the relay with Nagle's algorithm off ({@code mail.smtp.socketFactory.class} in application.yml).
 * Jakarta Mail writes a message's last bytes ({@code CRLF.CRLF}) apart from the rest; with Nagle on, they wait for
 * the relay's delayed acknowledgement (40 ms on Linux), which held every connection to about 25 messages a second
 * whatever the relay could take. STARTTLS still wraps these sockets.
 */
public final class NoDelaySockets extends SocketFactory {

  private static final NoDelaySockets INSTANCE = new NoDelaySockets();

  /** How Jakarta Mail obtains a factory named by class. */
  public static SocketFactory getDefault() {
    return INSTANCE;
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return noDelay(new Socket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(new Socket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}

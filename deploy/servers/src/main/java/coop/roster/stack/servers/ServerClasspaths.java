package coop.roster.stack.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The classpaths Maven resolved for each server when this module was built (see its pom.xml):
 * the servers run from the jars in the local Maven repository, never from the caller's classpath.
 */
public final class ServerClasspaths {

  /** Kafka and mongo-java-server, plus this module (for {@link MongoServerMain}). */
  public static String servers() {
    return read("servers.classpath") + java.io.File.pathSeparator + ownLocation();
  }

  public static String greenMail() {
    return read("greenmail.classpath");
  }

  public static Path keycloakDistribution() {
    return Path.of(read("keycloak.distribution"));
  }

  private static String read(String resource) {
    try (InputStream in = ServerClasspaths.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing: build deploy/servers with Maven first");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String ownLocation() {
    try {
      return Path.of(ServerClasspaths.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ServerClasspaths() {
  }
}

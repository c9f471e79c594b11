package coop.roster.gateway;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** The gateway's settings as a cluster would set them, for unit tests of what reads them. */
public final class TestSettings {

  private TestSettings() {
  }

  public static GatewaySettings settings() {
    return new GatewaySettings(URI.create("https://roster.example.org/"), ZoneId.of("Europe/Paris"),
        new GatewaySettings.Keycloak(URI.create("https://auth.example.org"), "roster", "gateway", "secret"),
        new GatewaySettings.Backends(List.of(URI.create("http://member-service:8081")),
            List.of(URI.create("http://import-service:8082")), List.of(URI.create("http://invitation-service:8083")),
            Duration.ofSeconds(2), Duration.ofSeconds(30)));
  }
}

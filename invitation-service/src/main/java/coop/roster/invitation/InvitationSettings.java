package coop.roster.invitation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

/**
 * invitation-service's own settings ({@code roster.invitations.*} in application.yml, each fed by an
 * environment variable documented in README.md).
 *
 * @param publicUrl    the gateway's public address: where members land, and the base of every link in a mail
 * @param linkClientId the Keycloak client the invitation links log members into
 * @param linkLifetime how long a set-password link works
 * @param mailFrom     the sender's address (the display name is the group's name)
 * @param timeZone     how the mail writes until when its link works
 */
@ConfigurationProperties("roster.invitations")
@Validated
public record InvitationSettings(
    @NotNull URI publicUrl,
    @NotBlank String linkClientId,
    @NotNull Duration linkLifetime,
    @NotBlank String mailFrom,
    @NotNull ZoneId timeZone,
    @Valid @NotNull Smtp smtp,
    @Valid @NotNull Retry retry,
    @Valid @NotNull Keycloak keycloak) {

  /** @param ratePerSecond messages per second handed to the relay by one instance; 0 for no limit */
  public record Smtp(@Min(0) int ratePerSecond) {
  }

  /** Exponential back-off of transient failures, within a bound. */
  public record Retry(@Min(0) int maxRetries, @NotNull Duration initialDelay, @DecimalMin("1.0") double multiplier,
      @NotNull Duration maxDelay) {
  }

  /** @param accountConcurrency accounts created at once when a batch brings new members */
  public record Keycloak(@NotNull URI url, @Min(1) int accountConcurrency) {
  }

  /** The public URL without a trailing slash, ready to have a path appended. */
  public String publicBase() {
    String url = publicUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}

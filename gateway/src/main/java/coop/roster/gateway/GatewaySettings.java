package coop.roster.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The gateway's own settings ({@code roster.*} in application.yml, each fed by an environment variable
 * documented in README.md).
 *
 * @param publicUrl where people reach Roster: the base of the links a coordinator sends to members
 * @param timeZone  how pages write dates and times
 */
@ConfigurationProperties("roster")
@Validated
public record GatewaySettings(
    @NotNull URI publicUrl,
    @NotNull ZoneId timeZone,
    @Valid @NotNull Keycloak keycloak,
    @Valid @NotNull Backends backends) {

  /**
   * The OIDC client the gateway is in Keycloak.
   *
   * @param url Keycloak as browsers see it (the issuer of tokens is {@code url/realms/realm})
   */
  public record Keycloak(@NotNull URI url, @NotBlank String realm, @NotBlank String clientId,
      @NotBlank String clientSecret) {

    public String issuer() {
      return withoutTrailingSlash(url.toString()) + "/realms/" + realm;
    }
  }

  /**
   * Every instance of each service the pages and {@code /api/**} call.
   *
   * @param readTimeout how long a page waits for an answer before telling the person to try again
   */
  public record Backends(@NotEmpty List<URI> memberService, @NotEmpty List<URI> importService,
      @NotEmpty List<URI> invitationService, @NotNull Duration connectTimeout, @NotNull Duration readTimeout) {
  }

  /** The public URL without a trailing slash, ready to have a path appended. */
  public String publicBase() {
    return withoutTrailingSlash(publicUrl.toString());
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}

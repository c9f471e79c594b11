package coop.roster.identity.invitation;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.List;

/**
 * Registers the links endpoint under {@code /realms/{realm}/invitations}. Options (Keycloak's
 * {@code --spi-realm-restapi-extension--invitations--<option>}): {@code max-emails},
 * {@code min-lifetime-seconds}, {@code max-lifetime-seconds}.
 */
public final class InvitationLinksResourceFactory implements RealmResourceProviderFactory {

  static final String ID = "invitations";

  private InvitationLimits limits;

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public RealmResourceProvider create(KeycloakSession session) {
    return new InvitationLinksResource(session, limits);
  }

  @Override
  public void init(Config.Scope config) {
    limits = new InvitationLimits(
        config.getInt("max-emails", InvitationLimits.DEFAULT_MAX_EMAILS),
        config.getLong("min-lifetime-seconds", InvitationLimits.DEFAULT_MIN_LIFETIME_SECONDS),
        config.getLong("max-lifetime-seconds", InvitationLimits.DEFAULT_MAX_LIFETIME_SECONDS));
  }

  @Override
  public void postInit(KeycloakSessionFactory factory) {
  }

  @Override
  public List<ProviderConfigProperty> getConfigMetadata() {
    return ProviderConfigurationBuilder.create()
        .property().name("max-emails").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("E-mails accepted in one call").defaultValue(InvitationLimits.DEFAULT_MAX_EMAILS).add()
        .property().name("min-lifetime-seconds").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("Shortest lifetime of a link").defaultValue(InvitationLimits.DEFAULT_MIN_LIFETIME_SECONDS).add()
        .property().name("max-lifetime-seconds").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("Longest lifetime of a link").defaultValue(InvitationLimits.DEFAULT_MAX_LIFETIME_SECONDS).add()
        .build();
  }

  @Override
  public void close() {
  }
}

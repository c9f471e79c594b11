package coop.roster.identity.passwords;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

/** The password policy {@value #ID} of a realm's {@code passwordPolicy}; it takes no value. */
public final class NotOneCharacterRepeatedPolicyFactory implements PasswordPolicyProviderFactory {

  static final String ID = "notOneCharacterRepeated";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public PasswordPolicyProvider create(KeycloakSession session) {
    return new NotOneCharacterRepeatedPolicy();
  }

  @Override
  public String getDisplayName() {
    return "Not one character repeated";
  }

  @Override
  public String getConfigType() {
    return null;
  }

  @Override
  public String getDefaultConfigValue() {
    return null;
  }

  @Override
  public boolean isMultiplSupported() {
    return false;
  }

  @Override
  public void init(Config.Scope config) {
  }

  @Override
  public void postInit(KeycloakSessionFactory factory) {
  }

  @Override
  public void close() {
  }
}

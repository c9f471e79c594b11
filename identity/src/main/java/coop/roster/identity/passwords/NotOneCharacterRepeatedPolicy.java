package coop.roster.identity.passwords;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/**
 * Refuses a password made of one character repeated ({@code aaaaaaaaaaaaaaa}, {@code 000000000000000}),
 * upper and lower case counted as one: long, but guessed first.
 */
final class NotOneCharacterRepeatedPolicy implements PasswordPolicyProvider {

  /** The login theme's message (FR/EN). */
  static final String MESSAGE = "rosterInvalidPasswordOneCharacterRepeatedMessage";

  @Override
  public PolicyError validate(RealmModel realm, UserModel user, String password) {
    return validate(user == null ? null : user.getUsername(), password);
  }

  @Override
  public PolicyError validate(String username, String password) {
    return isOneCharacterRepeated(password) ? new PolicyError(MESSAGE) : null;
  }

  static boolean isOneCharacterRepeated(String password) {
    if (password == null || password.isEmpty()) {
      return false;
    }
    int first = Character.toLowerCase(password.codePointAt(0));
    return password.codePoints().allMatch(c -> Character.toLowerCase(c) == first);
  }

  @Override
  public Object parseConfig(String value) {
    return null;
  }

  @Override
  public void close() {
  }
}

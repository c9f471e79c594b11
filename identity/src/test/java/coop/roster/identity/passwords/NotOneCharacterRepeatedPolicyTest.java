package coop.roster.identity.passwords;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotOneCharacterRepeatedPolicyTest {

  private final NotOneCharacterRepeatedPolicy policy = new NotOneCharacterRepeatedPolicy();

  @Test
  void refusesFifteenIdenticalLettersWhateverTheirCase() {
    assertThat(policy.validate("camille@example.org", "aaaaaaaAAAAAAAA").getMessage())
        .isEqualTo(NotOneCharacterRepeatedPolicy.MESSAGE);
    assertThat(policy.validate("camille@example.org", "000000000000000")).isNotNull();
    assertThat(policy.validate("camille@example.org", "ééééééééééééééé")).isNotNull();
  }

  @Test
  void acceptsAPasswordWithTwoDifferentCharacters() {
    assertThat(policy.validate("camille@example.org", "aaaaaaaaaaaaaab")).isNull();
    assertThat(policy.validate("camille@example.org", "des radis et des poireaux")).isNull();
  }

  @Test
  void leavesAnEmptyPasswordToTheOtherRules() {
    assertThat(policy.validate("camille@example.org", "")).isNull();
  }
}

package coop.roster.identity.invitation;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LinksRequestTest {

  private static final InvitationLimits LIMITS = new InvitationLimits(3, 60, 86_400);

  @Test
  void acceptsACompleteRequestWithinTheLimits() {
    assertThat(request(3600L, List.of("a@example.org", "b@example.org")).problem(LIMITS)).isEmpty();
  }

  @Test
  void namesTheFirstThingMissing() {
    assertThat(new LinksRequest(null, "http://app/", 3600L, List.of("a@example.org")).problem(LIMITS))
        .contains(Problem.MISSING_CLIENT_ID);
    assertThat(new LinksRequest("gateway", " ", 3600L, List.of("a@example.org")).problem(LIMITS))
        .contains(Problem.MISSING_REDIRECT_URI);
    assertThat(request(null, List.of("a@example.org")).problem(LIMITS)).contains(Problem.LIFETIME_OUT_OF_RANGE);
    assertThat(request(3600L, List.of()).problem(LIMITS)).contains(Problem.NO_EMAILS);
  }

  @Test
  void refusesLifetimesOutsideTheBounds() {
    assertThat(request(59L, List.of("a@example.org")).problem(LIMITS)).contains(Problem.LIFETIME_OUT_OF_RANGE);
    assertThat(request(86_401L, List.of("a@example.org")).problem(LIMITS)).contains(Problem.LIFETIME_OUT_OF_RANGE);
    assertThat(request(60L, List.of("a@example.org")).problem(LIMITS)).isEmpty();
  }

  @Test
  void refusesMoreEmailsThanOneCallMayCarry() {
    assertThat(request(3600L, Collections.nCopies(4, "a@example.org")).problem(LIMITS))
        .contains(Problem.TOO_MANY_EMAILS);
  }

  @Test
  void everyProblemIsWordedInFrenchAndInEnglishWithItsLimits() {
    for (Problem problem : Problem.values()) {
      assertThat(new ProblemResponses(Locale.FRENCH).detail(problem, LIMITS)).isNotBlank();
      assertThat(new ProblemResponses(Locale.ENGLISH).detail(problem, LIMITS)).isNotBlank();
    }
    assertThat(new ProblemResponses(Locale.FRENCH).detail(Problem.LIFETIME_OUT_OF_RANGE, LIMITS))
        .isEqualTo("La durée de validité (lifetimeSeconds) doit être comprise entre 60 et 86400 secondes.");
    assertThat(new ProblemResponses(Locale.ENGLISH).detail(Problem.TOO_MANY_EMAILS, LIMITS))
        .isEqualTo("At most 3 e-mail addresses per call: split the list into several calls.");
  }

  private static LinksRequest request(Long lifetimeSeconds, List<String> emails) {
    return new LinksRequest("gateway", "http://127.0.0.1:8080/", lifetimeSeconds, emails);
  }
}

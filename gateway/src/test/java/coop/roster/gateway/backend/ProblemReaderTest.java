package coop.roster.gateway.backend;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.client.MockClientHttpResponse;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What the gateway keeps of a service's error answer, to show a person a sentence. */
class ProblemReaderTest {

  private final ProblemReader reader = new ProblemReader(Backend.MEMBER_SERVICE, JsonMapper.builder().build());

  @Test
  void keepsTheServicesSentenceAndItsFieldsEvenWhenSomeAreNull() throws Exception {
    RuntimeException problem = reader.read(problem(HttpStatus.FORBIDDEN, """
        {"type": "about:blank", "title": "Forbidden", "status": 403, "instance": null,
         "detail": "Vous ne coordonnez pas ce groupe.", "groupId": "amap-des-lilas"}"""));
    assertThat(problem).isInstanceOfSatisfying(BackendProblem.class, forbidden -> {
      assertThat(forbidden.is(403)).isTrue();
      assertThat(forbidden.detail()).isEqualTo("Vous ne coordonnez pas ce groupe.");
      assertThat(forbidden.property("groupId")).isEqualTo("amap-des-lilas");
      assertThat(forbidden.property("instance")).isNull();
    });
  }

  @Test
  void aServiceErrorIsAnOutageNotAProblemToShow() throws Exception {
    assertThat(reader.read(problem(HttpStatus.INTERNAL_SERVER_ERROR, "{\"detail\": \"NullPointerException\"}")))
        .isInstanceOf(BackendUnavailable.class);
  }

  @Test
  void anAnswerThatIsNotAProblemDetailKeepsOnlyItsStatus() throws Exception {
    MockClientHttpResponse html = new MockClientHttpResponse("<h1>Not found</h1>".getBytes(StandardCharsets.UTF_8),
        HttpStatus.NOT_FOUND);
    html.getHeaders().setContentType(MediaType.TEXT_HTML);
    assertThat(reader.read(html)).isInstanceOfSatisfying(BackendProblem.class, notFound -> {
      assertThat(notFound.is(404)).isTrue();
      assertThat(notFound.detail()).isNull();
    });
  }

  private static MockClientHttpResponse problem(HttpStatus status, String body) {
    MockClientHttpResponse response = new MockClientHttpResponse(body.getBytes(StandardCharsets.UTF_8), status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return response;
  }
}

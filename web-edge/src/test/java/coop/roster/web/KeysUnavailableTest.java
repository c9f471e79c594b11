package coop.roster.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The edge when the identity provider's keys cannot be read (Keycloak down or too slow): the caller's token may be
 * good, so the answer says "try again" (503 with {@code Retry-After}) instead of a 500 or "log in again".
 */
@WebMvcTest(properties = {"spring.web.locale=fr", "spring.messages.fallback-to-system-locale=false",
    "spring.security.oauth2.resourceserver.jwt.audiences=roster-api",
    // Nothing listens on port 1: every fetch of the keys fails.
    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/realms/roster/protocol/openid-connect/certs"})
@ImportAutoConfiguration({OAuth2ResourceServerAutoConfiguration.class, WebEdgeAutoConfiguration.class})
class KeysUnavailableTest {

  @Autowired
  MockMvc mvc;

  @Test
  void aTokenThatCannotBeCheckedForWantOfKeysIsAnsweredTryAgainLater() throws Exception {
    String token = WebEdgeTest.token(WebEdgeTest.rsaKey(), WebEdgeTest.claims("elise@example.org", List.of("lilas"),
        false));

    mvc.perform(get("/api/groups/lilas/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(
            "Roster ne peut pas vérifier votre connexion pour le moment. Réessayez dans quelques secondes."));
  }
}

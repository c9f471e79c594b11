package coop.roster.web;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The edge as a service's callers meet it: tokens checked by Spring Boot from the service's properties (here a
 * public key this test signs with), group rules, and every refusal a problem detail in French or English.
 */
@WebMvcTest(properties = {"spring.web.locale=fr", "spring.messages.fallback-to-system-locale=false",
    "spring.security.oauth2.resourceserver.jwt.audiences=roster-api"})
@ImportAutoConfiguration({OAuth2ResourceServerAutoConfiguration.class, WebEdgeAutoConfiguration.class})
class WebEdgeTest {

  private static final KeyPair REALM_KEY = rsaKey();
  private static final KeyPair FORGER_KEY = rsaKey();

  @Autowired
  MockMvc mvc;

  @DynamicPropertySource
  static void realmKey(DynamicPropertyRegistry properties) throws IOException {
    Path pem = Files.createTempFile("realm-key", ".pem");
    pem.toFile().deleteOnExit();
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(REALM_KEY.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    properties.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
  }

  @Test
  void aCoordinatorReadsTheirGroupAndIsKnownByNameAndEmail() throws Exception {
    call(get("/api/groups/lilas/things"), token(REALM_KEY, claims("elise@example.org", List.of("lilas"), false)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.email").value("elise@example.org"))
        .andExpect(jsonPath("$.name").value("Élise Martin"));
  }

  @Test
  void theCoordinatorOfAnotherGroupIsRefusedWith403InTheirLanguage() throws Exception {
    String stranger = token(REALM_KEY, claims("yann@example.org", List.of("marche"), false));

    call(get("/api/groups/lilas/things"), stranger)
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(403))
        .andExpect(jsonPath("$.detail").value("Vous ne coordonnez pas ce groupe."))
        .andExpect(jsonPath("$.instance").value("/api/groups/lilas/things"));
    call(get("/api/groups/lilas/things").header(HttpHeaders.ACCEPT_LANGUAGE, "en"), stranger)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("You do not coordinate this group."));
  }

  @Test
  void aPathReservedToCoordinatorsByAUrlRuleRefusesOthersToo() throws Exception {
    call(get("/api/groups/lilas/imports/7"), token(REALM_KEY, claims("yann@example.org", List.of("marche"), false)))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("Vous ne coordonnez pas ce groupe."));
    call(get("/api/groups/lilas/imports/7"), token(REALM_KEY, claims("elise@example.org", List.of("lilas"), false)))
        .andExpect(status().isOk());
  }

  @Test
  void thePlatformAdministratorReadsEveryGroup() throws Exception {
    call(get("/api/groups/lilas/things"), token(REALM_KEY, claims("admin@example.org", List.of(), true)))
        .andExpect(status().isOk());
  }

  @Test
  void aCallWithoutTokenGets401WithTheBearerChallenge() throws Exception {
    mvc.perform(get("/api/groups/lilas/things").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("Log in to reach this page."));
  }

  @Test
  void aTokenSignedWithAnotherKeyGets401() throws Exception {
    call(get("/api/groups/lilas/things"), token(FORGER_KEY, claims("elise@example.org", List.of("lilas"), true)))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")))
        .andExpect(jsonPath("$.detail").value("Connectez-vous pour accéder à cette page."));
  }

  @Test
  void aTokenForAnotherAudienceOrExpiredGets401() throws Exception {
    JWTClaimsSet otherAudience = new JWTClaimsSet.Builder(claims("elise@example.org", List.of("lilas"), true))
        .audience("account").build();
    JWTClaimsSet expired = new JWTClaimsSet.Builder(claims("elise@example.org", List.of("lilas"), true))
        .issueTime(Date.from(Instant.now().minusSeconds(900)))
        .expirationTime(Date.from(Instant.now().minusSeconds(600))).build();

    call(get("/api/groups/lilas/things"), token(REALM_KEY, otherAudience)).andExpect(status().isUnauthorized());
    call(get("/api/groups/lilas/things"), token(REALM_KEY, expired)).andExpect(status().isUnauthorized());
  }

  @Test
  void probesAndTheApiDescriptionStayOpen() throws Exception {
    // Nothing answers these paths in this slice: a 404 rather than a 401 shows that no token was asked for.
    mvc.perform(get("/actuator/health/readiness")).andExpect(status().isNotFound());
    mvc.perform(get("/v3/api-docs")).andExpect(status().isNotFound());
  }

  @Test
  void aLocalizedProblemIsAProblemDetailWordedFromTheServiceBundles() throws Exception {
    String elise = token(REALM_KEY, claims("elise@example.org", List.of("lilas"), false));

    call(get("/api/groups/lilas/things/t-42"), elise)
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("La chose t-42 est introuvable."))
        .andExpect(jsonPath("$.code").value("problem.thing.unknown"))
        .andExpect(jsonPath("$.thingId").value("t-42"))
        .andExpect(jsonPath("$.instance").value("/api/groups/lilas/things/t-42"));
    call(get("/api/groups/lilas/things/t-42").header(HttpHeaders.ACCEPT_LANGUAGE, "en"), elise)
        .andExpect(jsonPath("$.detail").value("Thing t-42 cannot be found."));
  }

  @Test
  void invalidInputListsTheFieldsToCorrect() throws Exception {
    call(post("/api/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" \"}"),
        token(REALM_KEY, claims("elise@example.org", List.of("lilas"), false)))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("Certains champs sont à corriger."))
        .andExpect(jsonPath("$.errors.name").value("Donnez un nom."));
  }

  private ResultActions call(MockHttpServletRequestBuilder request, String token) throws Exception {
    return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
  }

  static JWTClaimsSet claims(String email, List<String> groups, boolean platformAdmin) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(email).audience(List.of("roster-api", "account"))
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
        .claim("email", email).claim("given_name", "Élise").claim("family_name", "Martin")
        .claim(Caller.GROUPS_CLAIM, groups)
        .claim("realm_access", Map.of("roles", platformAdmin ? List.of(Caller.PLATFORM_ADMIN) : List.of()))
        .build();
  }

  static String token(KeyPair key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
    return jwt.serialize();
  }

  static KeyPair rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}

package coop.roster.system.security;

import coop.roster.stack.Endpoints;
import coop.roster.stack.keycloak.TestAccounts;
import coop.roster.system.RosterSystem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens an attacker could present, each wrong in one way only. Real ones come from the test Keycloak: a client of
 * realm {@code roster} without the {@code roster-api} audience, the realm asked through another host name (so
 * another issuer, same keys), a second realm whose token carries every claim Roster reads. Crafted ones are
 * altered real tokens (signature, claims, {@code alg: none}) and, for expiry, a token signed with a key this class
 * imported into realm {@code roster} as a passive key: published in the realm's JWKS (so the services trust it) but
 * never used by Keycloak to sign, which lets a test sign a token that is correct in every way except {@code exp}.
 */
final class AttackerTokens implements AutoCloseable {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
  private static final String NO_AUDIENCE_CLIENT = "security-suite-no-audience";
  private static final String KEY_NAME = "security-suite-passive-key";

  private final RosterSystem system;
  private final String keycloakUrl;
  private final String otherRealm = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
  private KeyPair key;
  private String keyId;
  private boolean otherRealmCreated;

  AttackerTokens(RosterSystem system) {
    this.system = system;
    this.keycloakUrl = system.infrastructure().environment().get(Endpoints.KEYCLOAK_URL);
  }

  /** A real token of realm {@code roster} for this platform administrator, from a client that adds no audience. */
  String withoutRosterAudience(String email) {
    TestAccounts accounts = system.accounts();
    accounts.platformAdminToken(email);
    if (accounts.admin("GET", "/clients?clientId=" + NO_AUDIENCE_CLIENT, null, 200).isEmpty()) {
      JsonNode gateway = accounts.admin("GET", "/clients?clientId=gateway", null, 200).get(0);
      ObjectNode client = Http.JSON.createObjectNode().put("clientId", NO_AUDIENCE_CLIENT).put("publicClient", true)
          .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
      ArrayNode mappers = client.putArray("protocolMappers");
      for (JsonNode mapper : gateway.path("protocolMappers")) {
        if (!mapper.path("protocolMapper").asString().equals("oidc-audience-mapper")) {
          ObjectNode copy = (ObjectNode) mapper.deepCopy();
          copy.remove("id");
          mappers.add(copy);
        }
      }
      accounts.admin("POST", "/clients", client, 201);
    }
    return passwordGrant(keycloakUrl, TestAccounts.REALM, NO_AUDIENCE_CLIENT, email);
  }

  /**
   * A real token of realm {@code roster} with another issuer: Keycloak (no fixed host name) names the issuer after
   * the address it was asked at, so asking at {@code localhost} instead of {@code 127.0.0.1} gives a token signed
   * by the realm's own key whose {@code iss} the services were not configured with.
   */
  String fromAnotherIssuer(String email) {
    system.accounts().platformAdminToken(email);
    String otherHost = keycloakUrl.contains("127.0.0.1") ? keycloakUrl.replace("127.0.0.1", "localhost")
        : keycloakUrl.replace("localhost", "127.0.0.1");
    return passwordGrant(otherHost, TestAccounts.REALM, TestAccounts.TEST_CLIENT, email);
  }

  /**
   * A real token of a second realm created for the purpose, carrying every claim Roster reads: the audience
   * {@code roster-api}, {@code roster_groups} with this group, the role {@code platform-admin}.
   */
  String fromAnotherRealm(String email, String groupId) {
    ObjectNode realm = Http.JSON.createObjectNode().put("realm", otherRealm).put("enabled", true);
    realm.putObject("roles").putArray("realm").addObject().put("name", "platform-admin");
    ObjectNode client = realm.putArray("clients").addObject().put("clientId", TestAccounts.TEST_CLIENT)
        .put("publicClient", true).put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
    ArrayNode mappers = client.putArray("protocolMappers");
    mappers.addObject().put("name", "roster-api audience").put("protocol", "openid-connect")
        .put("protocolMapper", "oidc-audience-mapper").putObject("config")
        .put("included.custom.audience", "roster-api").put("access.token.claim", "true");
    mappers.addObject().put("name", "roster_groups").put("protocol", "openid-connect")
        .put("protocolMapper", "oidc-hardcoded-claim-mapper").putObject("config")
        .put("claim.name", "roster_groups").put("claim.value", "[\"" + groupId + "\"]")
        .put("jsonType.label", "JSON").put("access.token.claim", "true");
    ObjectNode user = realm.putArray("users").addObject().put("username", email).put("email", email)
        .put("firstName", "Eve").put("lastName", "Ailleurs").put("enabled", true).put("emailVerified", true);
    user.putArray("credentials").addObject().put("type", "password").put("value", TestAccounts.PASSWORD)
        .put("temporary", false);
    user.putArray("realmRoles").add("platform-admin");
    Http.Answer created = Http.call("POST", keycloakUrl + "/admin/realms", masterAdminToken(), realm);
    if (created.status() != 201) {
      throw new IllegalStateException("Keycloak did not create the realm " + otherRealm + ": " + created);
    }
    otherRealmCreated = true;
    return passwordGrant(keycloakUrl, otherRealm, TestAccounts.TEST_CLIENT, email);
  }

  /** The token with one character of its signature changed. */
  static String withAlteredSignature(String token) {
    String[] parts = token.split("\\.");
    char[] signature = parts[2].toCharArray();
    int middle = signature.length / 2;
    signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
    return parts[0] + "." + parts[1] + "." + new String(signature);
  }

  /** The token with {@code exp} pushed a day ahead and its original signature kept. */
  static String withAlteredClaims(String token) {
    String[] parts = token.split("\\.");
    ObjectNode claims = (ObjectNode) Http.JSON.readTree(BASE64URL_DECODER.decode(parts[1]));
    claims.put("exp", claims.get("exp").asLong() + 86_400);
    return parts[0] + "." + encode(claims) + "." + parts[2];
  }

  /** The token's claims, unsigned: header {@code alg: none} and an empty signature. */
  static String unsigned(String token) {
    String payload = token.split("\\.")[1];
    return encode(Http.JSON.createObjectNode().put("alg", "none").put("typ", "JWT")) + "." + payload + ".";
  }

  /**
   * The token's claims signed again with the passive key this class imported into realm {@code roster}, with
   * {@code iat} and {@code exp} moved by {@code shift}: a shift of zero gives a token the services must accept
   * (the control), a shift of minus twenty minutes an expired one.
   */
  String resigned(String token, Duration shift) {
    ensurePassiveKey();
    String[] parts = token.split("\\.");
    ObjectNode header = (ObjectNode) Http.JSON.readTree(BASE64URL_DECODER.decode(parts[0]));
    header.put("alg", "RS256").put("kid", keyId);
    ObjectNode claims = (ObjectNode) Http.JSON.readTree(BASE64URL_DECODER.decode(parts[1]));
    long now = Instant.now().plus(shift).getEpochSecond();
    claims.put("iat", now).put("exp", now + 300);
    String signed = encode(header) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key.getPrivate());
      signature.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a token, decoded without checking anything. */
  static JsonNode claims(String token) {
    return Http.JSON.readTree(BASE64URL_DECODER.decode(token.split("\\.")[1]));
  }

  private synchronized void ensurePassiveKey() {
    if (key != null) {
      return;
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      key = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    TestAccounts accounts = system.accounts();
    String realmId = accounts.admin("GET", "", null, 200).get("id").asString();
    ObjectNode component = Http.JSON.createObjectNode().put("name", KEY_NAME).put("providerId", "rsa")
        .put("providerType", "org.keycloak.keys.KeyProvider").put("parentId", realmId);
    ObjectNode config = component.putObject("config");
    config.putArray("priority").add("-100");
    config.putArray("enabled").add("true");
    config.putArray("active").add("false");
    config.putArray("algorithm").add("RS256");
    config.putArray("privateKey").add(Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()));
    accounts.admin("POST", "/components", component, 201);
    String modulus = BASE64URL.encodeToString(unsigned(((RSAPublicKey) key.getPublic()).getModulus()));
    JsonNode keys = Http.get(keycloakUrl + "/realms/" + TestAccounts.REALM + "/protocol/openid-connect/certs", null)
        .json().path("keys");
    keyId = keys.valueStream().filter(jwk -> modulus.equals(jwk.path("n").asString()))
        .map(jwk -> jwk.path("kid").asString()).findFirst()
        .orElseThrow(() -> new IllegalStateException("realm roster does not publish the imported key: " + keys));
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String encode(JsonNode json) {
    return BASE64URL.encodeToString(Http.JSON.writeValueAsBytes(json));
  }

  private String passwordGrant(String baseUrl, String realm, String clientId, String email) {
    Http.Answer answer = Http.form(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token",
        Map.of("grant_type", "password", "client_id", clientId, "username", email,
            "password", TestAccounts.PASSWORD));
    if (answer.status() != 200) {
      throw new IllegalStateException("no token from " + baseUrl + " realm " + realm + ": " + answer);
    }
    return answer.json().get("access_token").asString();
  }

  private String masterAdminToken() {
    Map<String, String> environment = system.infrastructure().environment();
    Http.Answer answer = Http.form(keycloakUrl + "/realms/master/protocol/openid-connect/token",
        Map.of("grant_type", "password", "client_id", "admin-cli",
            "username", environment.get(Endpoints.KEYCLOAK_ADMIN_USERNAME),
            "password", environment.get(Endpoints.KEYCLOAK_ADMIN_PASSWORD)));
    return answer.json().get("access_token").asString();
  }

  /** Removes what this class added to Keycloak: the second realm, the passive key, the client. */
  @Override
  public void close() {
    if (otherRealmCreated) {
      Http.call("DELETE", keycloakUrl + "/admin/realms/" + otherRealm, masterAdminToken(), null);
    }
    TestAccounts accounts = system.accounts();
    for (JsonNode component : accounts.admin("GET", "/components?name=" + KEY_NAME, null, 200)) {
      accounts.admin("DELETE", "/components/" + component.get("id").asString(), null, 204);
    }
    for (JsonNode client : accounts.admin("GET", "/clients?clientId=" + NO_AUDIENCE_CLIENT, null, 200)) {
      accounts.admin("DELETE", "/clients/" + client.get("id").asString(), null, 204);
    }
  }

  static List<String> audiences(String token) {
    JsonNode aud = claims(token).path("aud");
    return aud.isArray() ? aud.valueStream().map(JsonNode::asString).toList() : List.of(aud.asString());
  }
}

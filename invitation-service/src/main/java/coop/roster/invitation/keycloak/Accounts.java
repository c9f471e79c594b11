package coop.roster.invitation.keycloak;

import coop.roster.events.Emails;
import coop.roster.invitation.InvitationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Members' Keycloak accounts: one per e-mail, whatever the number of groups; enabled, names set, no
 * password (the invitation link sets it). Missing accounts are created with a few concurrent
 * {@code POST /users} under {@code manage-users} (409 = the account exists), the path identity measured
 * as the best one that needs no realm-wide role.
 */
@Component
public class Accounts {

  /** The user attribute behind the {@code roster_groups} claim: the groups a person coordinates. */
  static final String GROUPS_ATTRIBUTE = "roster_groups";
  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
  private static final int PAGE = 100;
  private static final int WRITE_ATTEMPTS = 5;
  private static final ParameterizedTypeReference<List<Map<String, Object>>> USERS = new ParameterizedTypeReference<>() {
  };
  private static final ParameterizedTypeReference<Map<String, Object>> USER = new ParameterizedTypeReference<>() {
  };

  /** What became of one account asked for. */
  public enum Outcome {
    CREATED, EXISTED,
    /** Keycloak refuses the e-mail itself: no account can exist for it. */
    INVALID
  }

  private final RestClient keycloak;
  private final int concurrency;

  Accounts(RestClient keycloakRestClient, InvitationSettings settings) {
    this.keycloak = keycloakRestClient;
    this.concurrency = settings.keycloak().accountConcurrency();
  }

  /**
   * Makes sure each person has an account, a few at a time; answers the outcome per normalised e-mail.
   *
   * @throws KeycloakUnavailableException when Keycloak cannot be reached; nothing is lost by trying again
   */
  public Map<String, Outcome> ensure(Collection<NewAccount> people) {
    Map<String, NewAccount> byEmail = new LinkedHashMap<>();
    for (NewAccount person : people) {
      String email = Emails.normalize(person.email());
      if (email != null && !email.isBlank()) {
        byEmail.putIfAbsent(email, new NewAccount(email, person.firstName(), person.lastName()));
      }
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    if (byEmail.size() == 1 || concurrency == 1) {
      byEmail.values().forEach(person -> outcomes.put(person.email(), create(person)));
      return outcomes;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, byEmail.size()))) {
      Map<String, Future<Outcome>> pending = new LinkedHashMap<>();
      byEmail.values().forEach(person -> pending.put(person.email(), pool.submit(() -> create(person))));
      for (Map.Entry<String, Future<Outcome>> entry : pending.entrySet()) {
        outcomes.put(entry.getKey(), entry.getValue().get());
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeycloakUnavailableException("interrupted while creating accounts", e);
    }
    return outcomes;
  }

  /** One {@code POST /users}; names Keycloak's user profile refuses are left out rather than the account. */
  public Outcome create(NewAccount person) {
    Outcome outcome = post(user(person, true));
    if (outcome == Outcome.INVALID && (person.firstName() != null || person.lastName() != null)) {
      outcome = post(user(person, false));
    }
    if (outcome == Outcome.INVALID) {
      LOG.warn("Keycloak refuses an account for {}", person.email());
    }
    return outcome;
  }

  private Outcome post(Map<String, Object> user) {
    return call(() -> {
      try {
        keycloak.post().uri("/admin/realms/{realm}/users", KeycloakConfiguration.REALM).body(user).retrieve()
            .toBodilessEntity();
        return Outcome.CREATED;
      } catch (RestClientResponseException e) {
        if (e.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
          return Outcome.EXISTED;
        }
        if (e.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
          return Outcome.INVALID;
        }
        throw e;
      }
    });
  }

  private static Map<String, Object> user(NewAccount person, boolean withNames) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("username", person.email());
    user.put("email", person.email());
    user.put("enabled", true);
    if (withNames) {
      putIfPresent(user, "firstName", person.firstName());
      putIfPresent(user, "lastName", person.lastName());
    }
    return user;
  }

  private static void putIfPresent(Map<String, Object> user, String field, String value) {
    if (value != null && !value.isBlank()) {
      user.put(field, value.strip());
    }
  }

  /**
   * Makes the groups the person's token says they coordinate exactly {@code groups}, written whole (never one
   * group added to what was read), then read back until Keycloak has exactly them; nothing is written when it
   * already has them. A coordinator without an account gets one.
   */
  public void coordinatedGroups(String email, Set<String> groups) {
    String normalized = Emails.normalize(email);
    Map<String, Object> user = findByEmail(normalized);
    if (user == null) {
      if (groups.isEmpty()) {
        return;
      }
      create(new NewAccount(normalized, null, null));
      user = findByEmail(normalized);
      if (user == null) {
        LOG.warn("no account could be made for coordinator {} of {}", normalized, groups);
        return;
      }
    }
    String id = (String) user.get("id");
    List<String> wanted = groups.stream().sorted().toList();
    // Read back after writing: Keycloak stores two simultaneous writes of one list as both lists, duplicated.
    for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      Map<String, Object> full = call(() -> keycloak.get().uri("/admin/realms/{realm}/users/{id}",
          KeycloakConfiguration.REALM, id).retrieve().body(USER));
      @SuppressWarnings("unchecked")
      Map<String, Object> attributes = full.get("attributes") instanceof Map<?, ?> existing
          ? new LinkedHashMap<>((Map<String, Object>) existing) : new LinkedHashMap<>();
      List<String> current = attributes.get(GROUPS_ATTRIBUTE) instanceof List<?> values
          ? values.stream().filter(Objects::nonNull).map(Object::toString).sorted().toList() : List.of();
      if (current.equals(wanted)) {
        return;
      }
      attributes.put(GROUPS_ATTRIBUTE, wanted);
      full.put("attributes", attributes);
      full.remove("access");
      call(() -> keycloak.put().uri("/admin/realms/{realm}/users/{id}", KeycloakConfiguration.REALM, id).body(full)
          .retrieve().toBodilessEntity());
    }
    LOG.warn("the groups of {} kept changing in Keycloak; the next event or reconciliation finishes", normalized);
  }

  /**
   * Deletes the person's account unless its token says they coordinate a group (their right outlives their
   * membership until member-service withdraws it). No account, nothing to do: deleting twice is harmless.
   * Answers whether an account was deleted.
   */
  public boolean deleteUnlessCoordinating(String email) {
    Map<String, Object> user = findByEmail(Emails.normalize(email));
    if (user == null) {
      return false;
    }
    String id = (String) user.get("id");
    Map<String, Object> full = call(() -> keycloak.get().uri("/admin/realms/{realm}/users/{id}",
        KeycloakConfiguration.REALM, id).retrieve().body(USER));
    if (full != null && full.get("attributes") instanceof Map<?, ?> attributes
        && attributes.get(GROUPS_ATTRIBUTE) instanceof List<?> groups && !groups.isEmpty()) {
      LOG.info("account {} kept: it coordinates {}", id, groups);
      return false;
    }
    return call(() -> {
      try {
        keycloak.delete().uri("/admin/realms/{realm}/users/{id}", KeycloakConfiguration.REALM, id).retrieve()
            .toBodilessEntity();
        return true;
      } catch (RestClientResponseException e) {
        if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
          return false;
        }
        throw e;
      }
    });
  }

  /** Whether the person has an account, and when they last logged in as far as Keycloak says. */
  public record AccountState(boolean exists, Long createdTimestamp) {
  }

  public AccountState state(String email) {
    Map<String, Object> user = findByEmail(Emails.normalize(email));
    return user == null ? new AccountState(false, null)
        : new AccountState(true, user.get("createdTimestamp") instanceof Number n ? n.longValue() : null);
  }

  /** The e-mails of the accounts whose token says they coordinate the group, whoever wrote it there. */
  public Set<String> emailsCoordinating(String groupId) {
    Set<String> emails = new LinkedHashSet<>();
    for (int first = 0; ; first += PAGE) {
      int from = first;
      List<Map<String, Object>> users = call(() -> keycloak.get()
          .uri(uri -> uri.path("/admin/realms/{realm}/users").queryParam("q", "{query}")
              .queryParam("briefRepresentation", true).queryParam("first", from).queryParam("max", PAGE)
              .build(KeycloakConfiguration.REALM, GROUPS_ATTRIBUTE + ":" + groupId))
          .retrieve().body(USERS));
      if (users == null) {
        return emails;
      }
      users.stream().map(user -> user.get("email")).filter(Objects::nonNull)
          .map(value -> Emails.normalize(value.toString())).forEach(emails::add);
      if (users.size() < PAGE) {
        return emails;
      }
    }
  }

  /** The account with exactly this e-mail, as Keycloak's user list gives it, or {@code null}. */
  Map<String, Object> findByEmail(String email) {
    List<Map<String, Object>> users = call(() -> keycloak.get()
        .uri(uri -> uri.path("/admin/realms/{realm}/users").queryParam("email", "{email}").queryParam("exact", true)
            .queryParam("briefRepresentation", true).build(KeycloakConfiguration.REALM, email))
        .retrieve().body(USERS));
    return users == null ? null : users.stream()
        .filter(user -> email.equalsIgnoreCase(String.valueOf(user.get("email"))))
        .findFirst().orElse(null);
  }

  /** Runs a call; what says Keycloak cannot serve now becomes a {@link KeycloakUnavailableException}. */
  static <T> T call(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceAccessException e) {
      throw new KeycloakUnavailableException("Keycloak is unreachable: " + e.getMessage(), e);
    } catch (RestClientResponseException e) {
      HttpStatusCode status = e.getStatusCode();
      if (status.is5xxServerError() || status.isSameCodeAs(HttpStatus.UNAUTHORIZED)
          || status.isSameCodeAs(HttpStatus.FORBIDDEN) || status.isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS)) {
        throw new KeycloakUnavailableException("Keycloak answered " + status.value() + ": "
            + e.getResponseBodyAsString(), e);
      }
      throw e;
    } catch (org.springframework.security.oauth2.core.OAuth2AuthorizationException e) {
      throw new KeycloakUnavailableException("no token from Keycloak: " + e.getMessage(), e);
    }
  }
}

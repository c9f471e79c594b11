package coop.roster.invitation.delivery;

import coop.roster.events.Emails;
import coop.roster.events.InvitationFailed.Failure;
import coop.roster.events.InvitationRequested;
import coop.roster.invitation.InvitationSettings;
import coop.roster.invitation.directory.Directory;
import coop.roster.invitation.keycloak.Accounts;
import coop.roster.invitation.keycloak.InvitationLinks;
import coop.roster.invitation.keycloak.InvitationLinks.Link;
import coop.roster.invitation.keycloak.KeycloakUnavailableException;
import coop.roster.invitation.keycloak.NewAccount;
import coop.roster.invitation.mail.Invitation;
import coop.roster.invitation.mail.MailTemplates;
import coop.roster.invitation.mail.MimeInvitations;
import coop.roster.invitation.mail.SmtpFailure;
import coop.roster.invitation.mail.SmtpRelay;
import coop.roster.invitation.messaging.EventPublisher;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Delivers a batch of invitation requests: skips what was already done (answering its status again),
 * mints the batch's links in one call (a member whose account has a password gets no link but a mail that
 * invites them to log in), renders each mail and hands them to the relay on one connection, retrying transient
 * failures with exponential back-off within a bound. Members Keycloak does not know yet get their accounts, then
 * their links, {@value #ACCOUNT_CHUNK} at a time on a helper thread, each chunk made while the one before is
 * mailed: creating accounts (~100/s here) and mailing then overlap instead of taking turns. Each outcome is
 * recorded the moment it is known, then published.
 *
 * <p>At-least-once between "handed to SMTP" and "recorded": a mail is recorded right after the relay's 250;
 * a crash between the two (or a reply lost on the wire) sends that one mail again, with the same Message-ID.
 * See README.md, "Delivery guarantees".
 */
@Service
class Deliveries {

  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
  /** Members without an account, made (then linked) together while the chunk before is mailed. */
  static final int ACCOUNT_CHUNK = 50;

  private final MongoTemplate mongo;
  private final InvitationLinks links;
  private final Accounts accounts;
  private final MailTemplates templates;
  private final MimeInvitations mime;
  private final SmtpRelay relay;
  private final EventPublisher events;
  private final Directory directory;
  private final Clock clock;
  private final RetryTemplate retry;
  private final Counter sent;
  private final Counter failedTransient;
  private final Counter failedPermanent;
  /** Accepted by the relay but not yet recorded (MongoDB failed): never handed over again by this instance. */
  private final Map<String, InvitationRecord> unrecorded = new ConcurrentHashMap<>();
  /** Where the next chunk's accounts are made; the trace and log context of the batch go along. */
  private final ExecutorService ahead =
      ContextExecutorService.wrap(Executors.newVirtualThreadPerTaskExecutor(), ContextSnapshotFactory.builder().build());

  Deliveries(MongoTemplate mongo, InvitationLinks links, Accounts accounts, MailTemplates templates,
      MimeInvitations mime, SmtpRelay relay, EventPublisher events, Directory directory, Clock clock,
      InvitationSettings settings, MeterRegistry meters) {
    this.mongo = mongo;
    this.links = links;
    this.accounts = accounts;
    this.templates = templates;
    this.mime = mime;
    this.relay = relay;
    this.events = events;
    this.directory = directory;
    this.clock = clock;
    InvitationSettings.Retry bound = settings.retry();
    this.retry = new RetryTemplate(RetryPolicy.builder()
        .maxRetries(bound.maxRetries())
        .delay(bound.initialDelay())
        .multiplier(bound.multiplier())
        .maxDelay(bound.maxDelay())
        .includes(TransientFailure.class)
        .build());
    this.sent = Counter.builder("roster.invitations.sent").description("Invitations accepted by the SMTP relay")
        .register(meters);
    Counter.Builder failed = Counter.builder("roster.invitations.failed").description("Invitations that failed");
    this.failedTransient = failed.tag("kind", "transient").register(meters);
    this.failedPermanent = failed.tag("kind", "permanent").register(meters);
  }

  /** One invitation on its way: the request and its record's trace, then its link and message once known. */
  private static final class Pending {
    final InvitationRequested request;
    final Observation trace;
    final String id;
    Link link;
    MimeMessage message;

    Pending(InvitationRequested request, Observation trace) {
      this.request = request;
      this.trace = trace;
      this.id = InvitationRecord.id(request.requestId(), request.memberId());
    }
  }

  /** A failure worth trying again after a pause; carries the reason reported if the bound is reached. */
  static final class TransientFailure extends RuntimeException {
    TransientFailure(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  /**
   * @param traces the observation of each request's record, in the same order: what is done for one invitation
   *               alone (its outcome, its log lines, its status event) is done in its trace
   */
  void deliver(List<InvitationRequested> requests, List<Observation> traces) {
    recordUnrecorded();
    Map<String, Pending> batch = new LinkedHashMap<>();
    for (int index = 0; index < requests.size(); index++) {
      Pending pending = new Pending(requests.get(index), traces.get(index));
      batch.putIfAbsent(pending.id, pending);
    }
    // An erased member is mailed nothing, whatever request was already on its way: no status either.
    Set<String> erased = directory.erased(batch.values().stream().map(p -> p.request.memberId()).toList());
    batch.values().removeIf(pending -> erased.contains(pending.request.memberId()));
    Map<String, InvitationRecord> done = mongo.find(Query.query(where("_id").in(batch.keySet())),
        InvitationRecord.class).stream().collect(Collectors.toMap(InvitationRecord::id, Function.identity()));
    List<Pending> todo = new ArrayList<>();
    for (Pending pending : batch.values()) {
      InvitationRecord record = done.get(pending.id);
      if (record != null) {
        // Redelivered: nothing is mailed again; the status goes out again with the same event id.
        pending.trace.scoped(() -> events.publish(record.status()));
      } else {
        todo.add(pending);
      }
    }
    if (todo.isEmpty()) {
      return;
    }
    rememberGroupNames(todo);
    List<Pending> usable = withUsableAddress(todo);
    withLinks(usable, this::mint);
    Map<Boolean, List<Pending>> unknown = usable.stream().filter(p -> p.link != null)
        .collect(Collectors.partitioningBy(p -> Link.UNKNOWN_USER.equals(p.link.error())));
    sendWhileAccountsAreMade(composed(linked(unknown.get(false))), chunks(unknown.get(true)));
  }

  /** No new chunk; one being made is not interrupted, which would record its invitations as failed. */
  @PreDestroy
  void stop() {
    ahead.shutdown();
  }

  /** A chunk of members who had no account: what can be mailed, and why Keycloak was given up on, if it was. */
  private record Made(List<Pending> ready, String gaveUp) {
  }

  /**
   * Mails {@code ready}, then each chunk as soon as its accounts and links are made, the next chunk's being made
   * meanwhile. Once Keycloak or the relay is given up on (after the retry bound), what is left of the batch fails
   * with the same reason at once rather than after the bound again. A failure that is not an invitation's
   * (MongoDB away) gives the batch back to the listener container once the chunk being made is done.
   */
  private void sendWhileAccountsAreMade(List<Pending> ready, List<List<Pending>> withoutAccount) {
    Future<Made> next = null;
    try {
      for (int chunk = 0; ; chunk++) {
        List<Pending> without = chunk < withoutAccount.size() ? withoutAccount.get(chunk) : null;
        next = without == null ? null : ahead.submit(() -> withAccounts(without));
        String relayGaveUp = send(ready);
        if (next == null) {
          return;
        }
        Made made = await(next);
        next = null;
        String gaveUp = relayGaveUp != null ? relayGaveUp : made.gaveUp();
        if (gaveUp != null) {
          made.ready().forEach(p -> fail(p, Failure.TRANSIENT, gaveUp));
          withoutAccount.subList(chunk + 1, withoutAccount.size())
              .forEach(rest -> rest.forEach(p -> fail(p, Failure.TRANSIENT, gaveUp)));
          return;
        }
        ready = made.ready();
      }
    } finally {
      if (next != null) {
        finish(next);
      }
    }
  }

  /** The chunk being made ends before the batch goes back to be tried again: no work of this attempt beside the next. */
  private static void finish(Future<Made> chunk) {
    try {
      chunk.get();
    } catch (ExecutionException e) {
      LOG.debug("chunk of accounts abandoned with its batch", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Made withAccounts(List<Pending> withoutAccount) {
    withoutAccount.forEach(p -> p.link = null);
    String gaveUp = withLinks(withoutAccount, this::createThenMint);
    return new Made(composed(linked(withoutAccount.stream().filter(p -> p.link != null).toList())), gaveUp);
  }

  private static List<List<Pending>> chunks(List<Pending> pending) {
    List<List<Pending>> chunks = new ArrayList<>();
    for (int from = 0; from < pending.size(); from += ACCOUNT_CHUNK) {
      chunks.add(pending.subList(from, Math.min(pending.size(), from + ACCOUNT_CHUNK)));
    }
    return chunks;
  }

  private static Made await(Future<Made> chunk) {
    try {
      return chunk.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while accounts were made", e);
    }
  }

  private void rememberGroupNames(List<Pending> todo) {
    Map<String, String> names = new LinkedHashMap<>();
    todo.forEach(p -> names.putIfAbsent(p.request.groupId(), p.request.groupName()));
    names.forEach(directory::rememberGroupName);
  }

  private List<Pending> withUsableAddress(List<Pending> todo) {
    List<Pending> usable = new ArrayList<>(todo.size());
    for (Pending pending : todo) {
      try {
        MimeInvitations.recipient(pending.request.email());
        usable.add(pending);
      } catch (AddressException e) {
        fail(pending, Failure.PERMANENT, "invalid-address");
      }
    }
    return usable;
  }

  /**
   * Gives each invitation its link (or the reason it has none) through {@code step}, retried while Keycloak is
   * unavailable; past the bound, what still has none fails. Answers the reason it gave up, or null.
   */
  private String withLinks(List<Pending> todo, Consumer<List<Pending>> step) {
    if (todo.isEmpty()) {
      return null;
    }
    try {
      retry.execute(() -> {
        List<Pending> without = todo.stream().filter(p -> p.link == null).toList();
        try {
          step.accept(without);
        } catch (KeycloakUnavailableException e) {
          without.forEach(p -> p.link = null);
          LOG.info("Keycloak unavailable, trying again: {}", e.getMessage());
          throw new TransientFailure(e.getMessage(), e);
        }
        return null;
      });
      return null;
    } catch (RetryException e) {
      String reason = "keycloak-unavailable: " + transientReason(e);
      LOG.warn("Giving up on {} invitations: {}", todo.stream().filter(p -> p.link == null).count(), reason);
      todo.stream().filter(p -> p.link == null).forEach(p -> fail(p, Failure.TRANSIENT, reason));
      return reason;
    }
  }

  /** What can be mailed; the others fail, each with its reason. */
  private List<Pending> linked(List<Pending> todo) {
    List<Pending> linked = new ArrayList<>(todo.size());
    for (Pending pending : todo) {
      switch (pending.link.error() == null ? "" : pending.link.error()) {
        // Has a password: invited to log in, without a link; the mail counts as sent.
        case "", Link.HAS_PASSWORD -> linked.add(pending);
        case Link.DISABLED_USER -> fail(pending, Failure.PERMANENT, "account-disabled");
        case Link.NOT_INVITABLE -> fail(pending, Failure.PERMANENT, "not-invitable");
        case Link.UNKNOWN_USER -> fail(pending, Failure.PERMANENT, "no-account: Keycloak refuses an account for it");
        default -> fail(pending, Failure.PERMANENT, "no-link: " + pending.link.error());
      }
    }
    return linked;
  }

  /** The links of the batch in one call; the e-mails Keycloak does not know come back {@code unknown-user}. */
  private void mint(List<Pending> without) {
    if (!without.isEmpty()) {
      assign(without, links.mint(emails(without)));
    }
  }

  /** The accounts of members Keycloak did not know, then their links. */
  private void createThenMint(List<Pending> unknown) {
    if (!unknown.isEmpty()) {
      accounts.ensure(unknown.stream().map(p -> new NewAccount(p.request.email(), p.request.firstName(),
          p.request.lastName())).toList());
      assign(unknown, links.mint(emails(unknown)));
    }
  }

  private static List<String> emails(List<Pending> pending) {
    return pending.stream().map(p -> Emails.normalize(p.request.email())).toList();
  }

  private static void assign(List<Pending> pending, List<Link> minted) {
    for (int i = 0; i < pending.size(); i++) {
      pending.get(i).link = minted.get(i);
    }
  }

  private List<Pending> composed(List<Pending> todo) {
    List<Pending> ready = new ArrayList<>(todo.size());
    for (Pending pending : todo) {
      InvitationRequested request = pending.request;
      Link link = pending.link;
      Locale language = Invitation.language(request.locale());
      Invitation invitation = new Invitation(language, request.groupName(),
          request.inviterName(), request.inviterEmail(), request.firstName(), request.lastName(), request.email(),
          link.hasPassword() ? null : InvitationLinks.inLanguage(link.link(), language),
          link.hasPassword() ? null : link.expiresAt(), request.note(), request.reminderOf());
      try {
        pending.message = mime.compose(invitation, templates.render(invitation),
            mime.messageId(request.requestId(), request.memberId()));
        ready.add(pending);
      } catch (MessagingException e) {
        fail(pending, Failure.PERMANENT, "invalid-address");
      }
    }
    return ready;
  }

  /**
   * Hands every message over, on one connection per attempt; what failed transiently waits and goes again.
   * Answers the reason it gave up on the relay, or null.
   */
  private String send(List<Pending> todo) {
    if (todo.isEmpty()) {
      return null;
    }
    List<Pending> remaining = new ArrayList<>(todo);
    try {
      retry.execute(() -> {
        sendOnce(remaining);
        return null;
      });
    } catch (RetryException e) {
      String reason = transientReason(e);
      LOG.warn("Giving up on {} invitations after {} retries: {}", remaining.size(), e.getRetryCount(), reason);
      remaining.forEach(p -> fail(p, Failure.TRANSIENT, reason));
      return reason;
    }
    return null;
  }

  private void sendOnce(List<Pending> remaining) {
    SmtpFailure lastTransient = null;
    try (SmtpRelay.Connection connection = relay.connect()) {
      var iterator = remaining.iterator();
      while (iterator.hasNext()) {
        Pending pending = iterator.next();
        try {
          connection.send(pending.message);
          iterator.remove();
          succeed(pending);
        } catch (SmtpFailure failure) {
          if (failure.kind() == Failure.PERMANENT) {
            iterator.remove();
            fail(pending, Failure.PERMANENT, failure.reason());
          } else {
            lastTransient = failure;
            if (failure.connectionLost()) {
              break;
            }
          }
        }
      }
    }
    if (!remaining.isEmpty()) {
      LOG.info("{} invitations not accepted yet, trying again: {}", remaining.size(),
          lastTransient == null ? "" : lastTransient.reason());
      throw new TransientFailure(lastTransient == null ? "relay-unavailable" : lastTransient.reason(), lastTransient);
    }
  }

  private void succeed(Pending pending) {
    InvitationRequested request = pending.request;
    String messageId = mime.messageId(request.requestId(), request.memberId());
    pending.trace.scoped(() -> {
      // The line an operator finds by trace id; the Message-ID then finds the mail in the relay's own logs.
      LOG.info("Invitation of member {} (request {}, group {}) accepted by the relay as {}", request.memberId(),
          request.requestId(), request.groupId(), messageId);
      record(new InvitationRecord(pending.id, request.requestId(), request.groupId(), request.memberId(),
          request.email(), InvitationRecord.State.SENT, null, null, messageId, pending.link.expiresAt(),
          UUID.randomUUID().toString(), clock.instant()));
    });
    sent.increment();
  }

  private void fail(Pending pending, Failure failure, String reason) {
    InvitationRequested request = pending.request;
    pending.trace.scoped(() -> record(new InvitationRecord(pending.id, request.requestId(), request.groupId(),
        request.memberId(), request.email(), InvitationRecord.State.FAILED, failure, reason, null, null,
        UUID.randomUUID().toString(), clock.instant())));
    (failure == Failure.PERMANENT ? failedPermanent : failedTransient).increment();
  }

  /** Saves the outcome, then publishes it; an outcome MongoDB refused is kept to be saved before anything else. */
  private void record(InvitationRecord record) {
    try {
      mongo.insert(record);
    } catch (org.springframework.dao.DuplicateKeyException alreadyThere) {
      // recorded by an earlier attempt of the same batch: publishing again is harmless (same request, member)
    } catch (RuntimeException e) {
      unrecorded.put(record.id(), record);
      throw e;
    }
    events.publish(record.status());
  }

  private void recordUnrecorded() {
    for (InvitationRecord record : List.copyOf(unrecorded.values())) {
      record(record);
      unrecorded.remove(record.id());
    }
  }

  /**
   * The reason of the last transient failure once the bound is reached; anything else (MongoDB away) is not
   * an invitation's failure and goes back to the listener container, which tries the batch again.
   */
  private static String transientReason(RetryException e) {
    Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
    if (last instanceof TransientFailure) {
      return last.getMessage();
    }
    if (last instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new IllegalStateException(last);
  }
}

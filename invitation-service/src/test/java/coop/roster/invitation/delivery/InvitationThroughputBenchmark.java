package coop.roster.invitation.delivery;

import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.InvitationStatus;
import coop.roster.invitation.keycloak.Accounts;
import coop.roster.invitation.keycloak.InvitationLinks;
import coop.roster.invitation.keycloak.InvitationLinks.Link;
import coop.roster.invitation.keycloak.NewAccount;
import coop.roster.invitation.mail.Invitation;
import coop.roster.invitation.mail.MailTemplates;
import coop.roster.invitation.mail.MimeInvitations;
import coop.roster.invitation.testing.RunningService;
import coop.roster.stack.Infrastructure;
import coop.roster.stack.Part;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a test: design.md's invitation budget, with Postfix's {@code smtp-sink} as the relay. Creates the accounts
 * first (accounts/s), mints the links on their own (links/s), sends the same mails rendered beforehand straight
 * over SMTP on as many connections as the service's consumer threads (raw SMTP/s), then times invitation-service
 * from {@code InvitationRequested} to every mail accepted (invitations/s, budget: ≥ 250/s and ≤ 3× the raw
 * time), with the CPU time of each process during that last step. {@code -Dbenchmark.invitations=10000
 * -Dbenchmark.one-by-one=1000} (accounts created one {@code POST /users} at a time, for comparison; 0 skips it).
 */
class InvitationThroughputBenchmark extends RunningService {

  private static final int INVITATIONS = Integer.getInteger("benchmark.invitations", 10_000);
  private static final int ONE_BY_ONE = Integer.getInteger("benchmark.one-by-one", 1_000);
  private static final double BUDGET_RATIO = 3.0;
  private static final double BUDGET_PER_SECOND = 250;

  private static SmtpSink sink;

  @Autowired
  Accounts accounts;
  @Autowired
  InvitationLinks links;
  @Autowired
  MailTemplates templates;
  @Autowired
  MimeInvitations mime;
  @Autowired
  JavaMailSenderImpl mail;

  /** The service hands its mails to smtp-sink, not to GreenMail (which sets its own pace, and keeps every mail). */
  @DynamicPropertySource
  static void relay(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> sink().port());
  }

  private static synchronized SmtpSink sink() {
    if (sink == null) {
      sink = SmtpSink.start(Path.of(System.getProperty("roster.logs.dir", "target/infra-logs")));
    }
    return sink;
  }

  @AfterAll
  static void stopSink() {
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  void tenThousandInvitations(Infrastructure infrastructure) throws Exception {
    List<InvitationRequested> request = request(INVITATIONS, "fr");
    int connections = environment.getProperty(
        "spring.cloud.stream.bindings.invitationRequested-in-0.consumer.concurrency", Integer.class, 1);
    int batchSize = environment.getProperty(
        "spring.cloud.stream.kafka.bindings.invitationRequested-in-0.consumer.configuration.max.poll.records",
        Integer.class, 200);

    // Accounts first (the budget's "accounts existing"), on the bulk path; then a few one at a time to compare.
    long begin = System.nanoTime();
    accounts.ensure(request.stream().map(r -> new NewAccount(r.email(), r.firstName(), r.lastName())).toList());
    double bulk = seconds(begin);
    double oneByOne = Double.NaN;
    if (ONE_BY_ONE > 0) {
      List<NewAccount> others = new ArrayList<>();
      for (int i = 0; i < ONE_BY_ONE; i++) {
        others.add(new NewAccount("one-by-one-" + UUID.randomUUID() + "@example.org", "Un", "Parun"));
      }
      begin = System.nanoTime();
      others.forEach(accounts::create);
      oneByOne = seconds(begin);
    }

    // Links on their own, one call per batch of the service's size, as the service calls the extension.
    List<String> emails = request.stream().map(InvitationRequested::email).toList();
    List<Link> minted = new ArrayList<>(INVITATIONS);
    begin = System.nanoTime();
    for (int from = 0; from < emails.size(); from += batchSize) {
      minted.addAll(links.mint(emails.subList(from, Math.min(emails.size(), from + batchSize))));
    }
    double linking = seconds(begin);
    assertThat(minted).allMatch(Link::minted);

    // Straight over SMTP: the same mails (their links, their Message-IDs), rendered before the clock starts,
    // spread over as many connections as the service's consumer threads, each on a thread of its own.
    List<List<MimeMessage>> perConnection = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      perConnection.add(new ArrayList<>());
    }
    for (int i = 0; i < INVITATIONS; i++) {
      InvitationRequested r = request.get(i);
      Invitation invitation = new Invitation(Locale.FRENCH, r.groupName(), r.inviterName(), r.inviterEmail(),
          r.firstName(), r.lastName(), r.email(), InvitationLinks.inLanguage(minted.get(i).link(), Locale.FRENCH),
          minted.get(i).expiresAt());
      perConnection.get(i % connections).add(mime.compose(invitation, templates.render(invitation),
          mime.messageId(r.requestId(), r.memberId())));
    }
    // What rendering and composing cost alone, warm (the pass above compiled them): part of every invitation's work
    // that the raw SMTP figure leaves out.
    begin = System.nanoTime();
    for (int i = 0; i < INVITATIONS; i++) {
      InvitationRequested r = request.get(i);
      Invitation invitation = new Invitation(Locale.FRENCH, r.groupName(), r.inviterName(), r.inviterEmail(),
          r.firstName(), r.lastName(), r.email(), InvitationLinks.inLanguage(minted.get(i).link(), Locale.FRENCH),
          minted.get(i).expiresAt());
      mime.compose(invitation, templates.render(invitation), mime.messageId(r.requestId(), r.memberId()));
    }
    double rendering = seconds(begin);

    begin = System.nanoTime();
    try (ExecutorService senders = Executors.newFixedThreadPool(connections)) {
      List<Future<Integer>> sent = new ArrayList<>();
      for (List<MimeMessage> messages : perConnection) {
        sent.add(senders.submit(straightOverSmtp(messages)));
      }
      for (Future<Integer> count : sent) {
        count.get();
      }
    }
    double straight = seconds(begin);

    // The service: from the events member-service publishes when the button is pressed until every mail is accepted.
    Map<String, Long> pids = pids(infrastructure);
    Map<String, Duration> cpuBefore = cpu(pids);
    begin = System.nanoTime();
    events.publishAll(request);
    double published = seconds(begin);
    String requestId = request.getFirst().requestId();
    await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> events.statuses(requestId).size() >= INVITATIONS);
    double service = seconds(begin);
    Map<String, Duration> cpuAfter = cpu(pids);
    List<InvitationStatus> statuses = events.statuses(requestId);
    long sent = statuses.stream().filter(InvitationSent.class::isInstance).count();
    long members = statuses.stream().map(InvitationStatus::memberId).distinct().count();

    StringBuilder cpu = new StringBuilder();
    cpuAfter.forEach((name, after) -> cpu.append(String.format("  %-42s %6.1f s CPU (%3.0f%% of one core)%n",
        name, (after.toMillis() - cpuBefore.get(name).toMillis()) / 1e3,
        (after.toMillis() - cpuBefore.get(name).toMillis()) / 10.0 / service)));
    double rate = INVITATIONS / service;
    double ratio = service / straight;
    System.out.printf("""

        ==== InvitationThroughputBenchmark (%d invitations, relay: smtp-sink, %d connections, batches of %d) ====
        accounts, bulk path (concurrent POST /users): %.1f s, %.0f accounts/s
        accounts, one POST /users at a time (%d):      %s
        links alone, %d calls of %d:                   %.1f s, %.0f links/s
        raw SMTP, pre-rendered, %d connections:         %.1f s, %.0f mails/s
        rendering and composing alone, warm, one thread: %.1f s, %.0f mails/s
        invitations, InvitationRequested -> every mail accepted: %.1f s, %.0f invitations/s (budget >= %.0f: %s)
          (events published in %.1f s)
        ratio invitations / raw SMTP: %.2f (budget <= %.1f: %s)
        CPU during the invitations (%.1f s):
        %sstatuses: %d sent, %d failed, %d members
        ====%n""", INVITATIONS, connections, batchSize,
        bulk, INVITATIONS / bulk,
        ONE_BY_ONE, ONE_BY_ONE > 0 ? String.format("%.1f s, %.0f accounts/s", oneByOne, ONE_BY_ONE / oneByOne) : "-",
        (INVITATIONS + batchSize - 1) / batchSize, batchSize, linking, INVITATIONS / linking,
        connections, straight, INVITATIONS / straight,
        rendering, INVITATIONS / rendering,
        service, rate, BUDGET_PER_SECOND, rate >= BUDGET_PER_SECOND ? "met" : "NOT MET",
        published, ratio, BUDGET_RATIO, ratio <= BUDGET_RATIO ? "met" : "NOT MET",
        service, cpu, sent, statuses.size() - sent, members);
    assertThat(sent).isEqualTo(INVITATIONS);
    assertThat(members).isEqualTo(INVITATIONS);
  }

  private Callable<Integer> straightOverSmtp(List<MimeMessage> messages) {
    return () -> {
      try (Transport transport = mail.getSession().getTransport("smtp")) {
        transport.connect(mail.getHost(), mail.getPort(), null, null);
        for (MimeMessage message : messages) {
          transport.sendMessage(message, message.getAllRecipients());
        }
      }
      return messages.size();
    };
  }

  /** The processes whose CPU the budget pays: this JVM runs invitation-service (and the benchmark's own client). */
  private static Map<String, Long> pids(Infrastructure infrastructure) {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("invitation-service (the benchmark's JVM)", ProcessHandle.current().pid());
    infrastructure.pid(Part.KEYCLOAK).ifPresent(pid -> pids.put("Keycloak", pid));
    infrastructure.pid(Part.KAFKA).ifPresent(pid -> pids.put("Kafka", pid));
    infrastructure.pid(Part.MONGODB).ifPresent(pid -> pids.put("mongo-java-server", pid));
    pids.put("smtp-sink", sink().pid());
    return pids;
  }

  /** User and system CPU time of each process and its descendants, as Linux counts it in /proc/<pid>/stat. */
  private static Map<String, Duration> cpu(Map<String, Long> pids) {
    Map<String, Duration> times = new LinkedHashMap<>();
    pids.forEach((name, pid) -> times.put(name, ProcessHandle.of(pid).map(process -> Stream.concat(
            Stream.of(process), process.descendants())
        .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus)).orElse(Duration.ZERO)));
    return times;
  }

  private static double seconds(long begin) {
    return (System.nanoTime() - begin) / 1e9;
  }
}

package coop.roster.system;

import coop.roster.events.EventJson;
import coop.roster.events.InvitationRequested;
import coop.roster.events.InvitationSent;
import coop.roster.events.InvitationStatus;
import coop.roster.events.Topics;
import coop.roster.stack.Endpoints;
import coop.roster.stack.Services;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not a test: how often an invitation is mailed twice (or never) when invitation-service is killed
 * (SIGKILL) in the middle of a request and another instance takes over. Each round publishes a request,
 * kills the running instance once about half of its mails are accepted, starts a new one, waits until every
 * member has an {@code InvitationSent}, then counts each member's mails in GreenMail.
 * {@code -Dbenchmark.rounds=5 -Dbenchmark.invitations=400}.
 */
@ExtendWith(RosterSystem.class)
class InvitationCrashBenchmark {

  private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
  private static final int INVITATIONS = Integer.getInteger("benchmark.invitations", 400);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void killTheServiceInTheMiddleOfARequest(RosterSystem system) throws Exception {
    String bootstrap = system.infrastructure().environment().get(Endpoints.KAFKA_BOOTSTRAP_SERVERS);
    Map<String, Set<String>> sentByRequest = new ConcurrentHashMap<>();
    Thread statuses = Thread.ofPlatform().daemon().start(() -> collectSent(bootstrap, sentByRequest));
    int totalDuplicates = 0;
    int totalMissing = 0;
    List<String> lines = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int round = 1; round <= ROUNDS; round++) {
        List<InvitationRequested> request = request(round);
        String requestId = request.getFirst().requestId();
        for (InvitationRequested invitation : request) {
          producer.send(new ProducerRecord<>(invitation.topic(), invitation.key().getBytes(StandardCharsets.UTF_8),
              EventJson.write(invitation)));
        }
        producer.flush();
        await(() -> sent(sentByRequest, requestId) >= INVITATIONS / 2, Duration.ofMinutes(5));
        int acceptedBeforeKill = sent(sentByRequest, requestId);
        system.services().first(Services.BACKENDS.get(2)).process().kill();
        Instant killedAt = Instant.now();
        system.services().start(Services.BACKENDS.get(2));
        await(() -> sent(sentByRequest, requestId) >= INVITATIONS, Duration.ofMinutes(10));
        double recovery = Duration.between(killedAt, Instant.now()).toMillis() / 1000.0;

        int duplicates = 0;
        int missing = 0;
        for (InvitationRequested invitation : request) {
          int mails = mails(system.mailApiUrl(), invitation.email());
          duplicates += Math.max(0, mails - 1);
          missing += mails == 0 ? 1 : 0;
        }
        totalDuplicates += duplicates;
        totalMissing += missing;
        lines.add(String.format("round %d: killed after %d of %d accepted; all sent %.1f s after the kill; "
            + "%d mailed twice, %d never mailed", round, acceptedBeforeKill, INVITATIONS, recovery, duplicates,
            missing));
      }
    } finally {
      statuses.interrupt();
    }
    System.out.printf("%n==== InvitationCrashBenchmark (%d rounds of %d invitations, one SIGKILL each) ====%n%s%n"
            + "total: %d duplicates in %d kills (%.2f per kill, %.4f%% of mails), %d never mailed%n====%n",
        ROUNDS, INVITATIONS, String.join("\n", lines), totalDuplicates, ROUNDS, (double) totalDuplicates / ROUNDS,
        100.0 * totalDuplicates / (ROUNDS * INVITATIONS), totalMissing);
  }

  private static List<InvitationRequested> request(int round) {
    String requestId = UUID.randomUUID().toString();
    String group = "crash-" + round + "-" + requestId.substring(0, 6);
    List<InvitationRequested> request = new ArrayList<>();
    for (int i = 0; i < INVITATIONS; i++) {
      String memberId = UUID.randomUUID().toString();
      request.add(new InvitationRequested(UUID.randomUUID(), Instant.now(), requestId, group, memberId,
          "m" + i + "-" + memberId.substring(0, 8) + "@" + group + ".example", "Zoé", "Château", "fr",
          "AMAP des Lilas", "Élise Dupré", "elise@" + group + ".example"));
    }
    return request;
  }

  private static int sent(Map<String, Set<String>> sentByRequest, String requestId) {
    return sentByRequest.getOrDefault(requestId, Set.of()).size();
  }

  private static void collectSent(String bootstrap, Map<String, Set<String>> sentByRequest) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.INVITATIONS_STATUS));
      while (!Thread.currentThread().isInterrupted()) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          InvitationStatus status = EventJson.read(record.value(), InvitationStatus.class);
          if (status instanceof InvitationSent) {
            sentByRequest.computeIfAbsent(status.requestId(), id -> ConcurrentHashMap.newKeySet())
                .add(status.memberId());
          }
        });
      }
    } catch (org.apache.kafka.common.errors.InterruptException stopped) {
      // the benchmark is over
    }
  }

  private int mails(String api, String email) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/user/"
        + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()).size() : 0;
  }

  private static void await(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("not reached within " + within);
      }
      Thread.sleep(100);
    }
  }
}

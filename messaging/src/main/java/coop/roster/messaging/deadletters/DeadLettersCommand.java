package coop.roster.messaging.deadletters;

import coop.roster.messaging.deadletters.DeadLetters.Selection;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The operator's command: {@code list [topic]} and {@code replay <topic> [--partition P] [--from OFFSET]
 * [--to OFFSET]}, against {@code KAFKA_BOOTSTRAP_SERVERS} (see {@link DeadLetters#settings}). Run by
 * {@code ./roster dead-letters}, or with {@code java -cp} from a service image in the cluster.
 */
public final class DeadLettersCommand {

  static final String USAGE = """
      usage: dead-letters list [<topic>.dlq]
             dead-letters replay <topic>.dlq [--partition P] [--from OFFSET] [--to OFFSET]
      Kafka: KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092), KAFKA_SASL_JAAS_CONFIG and KAFKA_CA_FILE in the cluster;
      the replay mark is kept by consumer group DEAD_LETTERS_GROUP (default roster-dead-letters).""";

  private final DeadLetters deadLetters;
  private final PrintStream out;

  DeadLettersCommand(DeadLetters deadLetters, PrintStream out) {
    this.deadLetters = deadLetters;
    this.out = out;
  }

  public static void main(String[] args) {
    // The Kafka clients' INFO lines would bury the answer; the logging system is whichever the classpath has.
    LoggingSystem logging = LoggingSystem.get(DeadLettersCommand.class.getClassLoader());
    logging.beforeInitialize();
    logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
    Map<String, String> environment = System.getenv();
    DeadLetters deadLetters = new DeadLetters(DeadLetters.settings(environment),
        environment.getOrDefault("DEAD_LETTERS_GROUP", DeadLetters.DEFAULT_GROUP));
    try {
      new DeadLettersCommand(deadLetters, System.out).run(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  void run(List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("Say what to do.");
    }
    switch (args.getFirst()) {
      case "list" -> list(args.size() > 1 ? List.of(deadLetterTopic(args.get(1))) : deadLetters.topics());
      case "replay" -> replay(args.subList(1, args.size()));
      default -> throw new IllegalArgumentException("Unknown command " + args.getFirst() + ".");
    }
  }

  private void list(List<String> topics) {
    if (topics.isEmpty()) {
      out.println("No dead-letter topic (*" + DeadLetter.SUFFIX + ").");
    }
    for (String topic : topics) {
      List<DeadLetter> letters = deadLetters.list(topic);
      long waiting = letters.stream().filter(letter -> !letter.replayed()).count();
      out.printf("%s: %d record(s), %d not replayed%n", topic, letters.size(), waiting);
      letters.forEach(letter -> out.println("  " + line(letter)));
    }
  }

  private void replay(List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("Say which dead-letter topic to replay.");
    }
    String topic = deadLetterTopic(args.getFirst());
    Integer partition = null;
    long from = 0;
    long to = Selection.ALL.toInclusive();
    for (int i = 1; i < args.size(); i += 2) {
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(args.get(i) + " needs a value.");
      }
      long value = number(args.get(i), args.get(i + 1));
      switch (args.get(i)) {
        case "--partition" -> partition = Math.toIntExact(value);
        case "--from" -> from = value;
        case "--to" -> to = Math.min(value, to);
        default -> throw new IllegalArgumentException("Unknown option " + args.get(i) + ".");
      }
    }
    List<DeadLetter> sent = deadLetters.replay(topic, new Selection(partition, from, to));
    sent.forEach(letter -> out.println("  replayed " + line(letter)));
    out.printf("%s: %d record(s) replayed.%n", topic, sent.size());
  }

  private static String deadLetterTopic(String topic) {
    if (!topic.endsWith(DeadLetter.SUFFIX)) {
      throw new IllegalArgumentException(topic + " is not a dead-letter topic (*" + DeadLetter.SUFFIX + ").");
    }
    return topic;
  }

  private static long number(String option, String value) {
    try {
      long number = Long.parseLong(value);
      if (number < 0) {
        throw new IllegalArgumentException(option + " must not be negative.");
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a number, not " + value + ".");
    }
  }

  private static String line(DeadLetter letter) {
    String exception = letter.exceptionClass() == null ? "?"
        : letter.exceptionClass().substring(letter.exceptionClass().lastIndexOf('.') + 1);
    return "%d@%d %s %s from %s %d@%d key=%s %s: %s".formatted(letter.partition(), letter.offset(),
        letter.replayed() ? "replayed" : "waiting ", letter.deadLetteredAt(), letter.originalTopic(),
        letter.originalPartition(), letter.originalOffset(), letter.key(), exception,
        // One line per record, whatever the message holds.
        letter.exceptionMessage() == null ? "" : letter.exceptionMessage().replaceAll("\\s+", " "));
  }
}

package coop.roster.stack.servers;

import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Times each command of mongo-java-server, logs at INFO every command slower than a threshold and, once a minute,
 * the shapes that took the most time in all: so an operator knows which queries a slow store is busy with.
 * A command is named by its collection and its filter's shape, field names and operators, never values: no personal
 * data in the log. Times include the waits for a collection's lock (what a client waits for).
 */
final class CommandTimes {

  /** {@code ROSTER_MONGODB_SLOW_COMMAND}: a command taking at least this long is logged (ISO-8601). */
  static final Duration DEFAULT_THRESHOLD = Duration.ofMillis(200);
  private static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
  private static final int SUMMARY_SHAPES = 8;
  private static final Logger LOG = LoggerFactory.getLogger(CommandTimes.class);

  private final long thresholdNanos;
  private final Map<String, Totals> minute = new ConcurrentHashMap<>();
  private volatile long minuteEnds = System.nanoTime() + SUMMARY_INTERVAL.toNanos();

  CommandTimes(Duration threshold) {
    this.thresholdNanos = threshold.toNanos();
  }

  static CommandTimes fromEnvironment() {
    String value = System.getenv("ROSTER_MONGODB_SLOW_COMMAND");
    return new CommandTimes(value == null || value.isBlank() ? DEFAULT_THRESHOLD : Duration.parse(value));
  }

  Document time(String database, String command, Document query, Supplier<Document> run) {
    long start = System.nanoTime();
    try {
      return run.get();
    } finally {
      long end = System.nanoTime();
      record(database, command, query, end - start, end);
    }
  }

  private void record(String database, String command, Document query, long nanos, long now) {
    if (isHousekeeping(command)) {
      return;
    }
    String shape = describe(database, command, query);
    minute.computeIfAbsent(shape, s -> new Totals()).add(nanos);
    if (nanos >= thresholdNanos) {
      LOG.info("slow command {} ms: {}", nanos / 1_000_000, shape);
    }
    if (now - minuteEnds >= 0) {
      summarize(now);
    }
  }

  private synchronized void summarize(long now) {
    if (now - minuteEnds < 0) {
      return;
    }
    minuteEnds = now + SUMMARY_INTERVAL.toNanos();
    List<Map.Entry<String, Totals>> busiest = minute.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, Totals> e) -> e.getValue().nanos.sum()).reversed())
        .limit(SUMMARY_SHAPES).toList();
    minute.clear();
    if (busiest.isEmpty() || busiest.getFirst().getValue().nanos.sum() < thresholdNanos) {
      return;
    }
    LOG.info("the last minute's busiest commands: {}", busiest.stream()
        .map(e -> e.getValue().nanos.sum() / 1_000_000 + " ms in " + e.getValue().count.sum() + " × " + e.getKey())
        .collect(Collectors.joining("; ")));
  }

  private static boolean isHousekeeping(String command) {
    return switch (command.toLowerCase()) {
      case "hello", "ismaster", "ping", "buildinfo", "endsessions", "killcursors" -> true;
      default -> false;
    };
  }

  /** {@code find members {group: ?, invitation.state: {$in: ?}}}: the command, collection and filters' shapes. */
  static String describe(String database, String command, Document query) {
    Object collection = query.get(command);
    String target = database + "." + (collection instanceof String name ? name : "");
    String filters = switch (command) {
      case "find" -> shape(query.get("filter")) + sortShape(query.get("sort"));
      case "count", "distinct", "findAndModify", "findandmodify" -> shape(query.get("query"));
      case "update" -> statements(query.get("updates"), "q");
      case "delete" -> statements(query.get("deletes"), "q");
      case "aggregate" -> matches(query.get("pipeline"));
      case "insert" -> query.get("documents") instanceof List<?> documents ? documents.size() + " documents" : "";
      default -> "";
    };
    return command + " " + target + (filters.isEmpty() ? "" : " " + filters);
  }

  private static String statements(Object list, String field) {
    if (!(list instanceof List<?> statements)) {
      return "";
    }
    String shapes = statements.stream()
        .map(s -> s instanceof Document d ? shape(d.get(field)) : "?")
        .distinct().collect(Collectors.joining(", "));
    return statements.size() + " × " + shapes;
  }

  private static String matches(Object pipeline) {
    if (!(pipeline instanceof List<?> stages)) {
      return "";
    }
    return stages.stream()
        .map(s -> s instanceof Document d && !d.isEmpty() ? stage(d) : "?")
        .collect(Collectors.joining(" | ", "[", "]"));
  }

  private static String stage(Document stage) {
    String name = stage.keySet().iterator().next();
    return "$match".equals(name) ? "$match " + shape(stage.get(name)) : name;
  }

  private static String sortShape(Object sort) {
    return sort instanceof Document d && !d.isEmpty() ? " sort " + String.join(",", d.keySet()) : "";
  }

  /** A filter with its values replaced by {@code ?}; operators and field names kept. */
  static String shape(Object filter) {
    if (filter instanceof Document document) {
      return document.entrySet().stream()
          .map(e -> e.getKey() + ": " + valueShape(e.getKey(), e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return filter == null ? "{}" : "?";
  }

  private static String valueShape(String key, Object value) {
    if (value instanceof Document document && document.keySet().stream().anyMatch(k -> k.startsWith("$"))) {
      return shape(document);
    }
    if (value instanceof List<?> list && List.of("$and", "$or", "$nor").contains(key)) {
      return list.stream().map(CommandTimes::shape).distinct().collect(Collectors.joining(", ", "[", "]"));
    }
    return "?";
  }

  private static final class Totals {
    final LongAdder count = new LongAdder();
    final LongAdder nanos = new LongAdder();

    void add(long elapsed) {
      count.increment();
      nanos.add(elapsed);
    }
  }
}

package coop.roster.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Continues, in a batch consumer, the traces its records arrive with. Spring Kafka observes each record of a
 * record listener, but not the records of a batch listener: here the records of a poll that carry the same
 * trace context (W3C {@code traceparent}, read by the tracing handler's propagator) share one observation,
 * whose span is a child of the span their producer wrote in their headers. Work done in
 * {@link Observation#scoped(Runnable)} of a record's observation logs with that record's trace id, and the
 * events it publishes carry the trace on.
 *
 * <p>One observation per trace rather than per record: an import publishes its rows by batches, each batch in
 * one trace, so a poll of 500 rows is one span instead of 500 (100,000 spans for a 100,000-row import, which
 * cost member-service a tenth of its time and would flood a trace store), while records from different
 * requests keep their own traces.
 *
 * <p>A bean of {@link MessagingAutoConfiguration}; a batch consumer takes it as a parameter of its binding's
 * {@code @Bean} method.
 */
public class RecordTraces {

  /** The headers the propagators read: records with the same values continue the same trace. */
  private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate", "baggage");

  private final ObservationRegistry registry;

  RecordTraces(ObservationRegistry registry) {
    this.registry = registry;
  }

  /**
   * Runs the batch's work with a started observation for each record, in the batch's order (records that
   * share a trace share it), and stops them after it. A record the work names in a
   * {@link BatchListenerFailedException} marks its observation failed.
   */
  public void within(String topic, Message<? extends List<?>> batch, Consumer<List<Observation>> work) {
    Map<String, Observation> traces = new HashMap<>();
    List<Observation> records = start(topic, batch, traces);
    try {
      work.accept(records);
    } catch (BatchListenerFailedException e) {
      if (e.getIndex() >= 0 && e.getIndex() < records.size()) {
        records.get(e.getIndex()).error(e);
      }
      throw e;
    } catch (RuntimeException e) {
      traces.values().forEach(trace -> trace.error(e));
      throw e;
    } finally {
      traces.values().forEach(Observation::stop);
    }
  }

  private List<Observation> start(String topic, Message<? extends List<?>> batch, Map<String, Observation> traces) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> headers = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.class);
    int size = batch.getPayload().size();
    List<Observation> records = new ArrayList<>(size);
    Map<Observation, Integer> counts = new IdentityHashMap<>();
    for (int index = 0; index < size; index++) {
      Map<String, Object> carrier = headers != null && index < headers.size() ? headers.get(index) : Map.of();
      Observation trace = traces.computeIfAbsent(traceKey(carrier), key -> start(topic, carrier));
      records.add(trace);
      counts.merge(trace, 1, Integer::sum);
    }
    counts.forEach((trace, count) -> trace.highCardinalityKeyValue("records", Integer.toString(count)));
    return records;
  }

  private Observation start(String topic, Map<String, Object> carrier) {
    ReceiverContext<Map<String, Object>> context = new ReceiverContext<>(RecordTraces::header);
    context.setCarrier(carrier);
    context.setRemoteServiceName("kafka");
    return Observation.createNotStarted("roster.kafka.records", () -> context, registry)
        .contextualName(topic + " process")
        .lowCardinalityKeyValue("topic", topic)
        .start();
  }

  private static String traceKey(Map<String, Object> carrier) {
    StringBuilder key = new StringBuilder();
    for (String name : TRACE_HEADERS) {
      key.append(header(carrier, name)).append('\n');
    }
    return key.toString();
  }

  /** The binder's header mapper leaves headers it has no type for as the bytes they were. */
  private static String header(Map<String, Object> headers, String name) {
    Object value = headers.get(name);
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
        : value == null ? null : value.toString();
  }
}

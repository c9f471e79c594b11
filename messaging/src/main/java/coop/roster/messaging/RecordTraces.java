package coop.roster.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Continues, record by record, the traces that arrive in a batch. Spring Kafka observes each record of a
 * record listener, but not the records of a batch listener: here each record gets an observation whose span
 * is a child of the one its producer wrote in the record's headers (W3C {@code traceparent}, read by the
 * tracing handler's propagator). Work done in {@link Observation#scoped(Runnable)} of a record's observation
 * logs with that record's trace id, and the events it publishes carry the trace on.
 *
 * <p>A bean of {@link MessagingAutoConfiguration}; a batch consumer takes it as a parameter of its binding's
 * {@code @Bean} method.
 */
public class RecordTraces {

  private final ObservationRegistry registry;

  RecordTraces(ObservationRegistry registry) {
    this.registry = registry;
  }

  /**
   * Runs the batch's work with one started observation per record, in the batch's order, and stops them
   * after it. A record the work names in a {@link BatchListenerFailedException} is marked failed alone.
   */
  public void within(String topic, Message<? extends List<?>> batch, Consumer<List<Observation>> work) {
    List<Observation> records = start(topic, batch);
    try {
      work.accept(records);
    } catch (BatchListenerFailedException e) {
      if (e.getIndex() >= 0 && e.getIndex() < records.size()) {
        records.get(e.getIndex()).error(e);
      }
      throw e;
    } catch (RuntimeException e) {
      records.forEach(record -> record.error(e));
      throw e;
    } finally {
      records.forEach(Observation::stop);
    }
  }

  private List<Observation> start(String topic, Message<? extends List<?>> batch) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> headers = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.class);
    int size = batch.getPayload().size();
    return IntStream.range(0, size).mapToObj(index -> {
      ReceiverContext<Map<String, Object>> context = new ReceiverContext<>(RecordTraces::header);
      context.setCarrier(headers != null && index < headers.size() ? headers.get(index) : Map.of());
      context.setRemoteServiceName("kafka");
      return Observation.createNotStarted("roster.kafka.record", () -> context, registry)
          .contextualName(topic + " process")
          .lowCardinalityKeyValue("topic", topic)
          .start();
    }).toList();
  }

  /** The binder's header mapper leaves headers it has no type for as the bytes they were. */
  private static String header(Map<String, Object> headers, String name) {
    Object value = headers.get(name);
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
        : value == null ? null : value.toString();
  }
}

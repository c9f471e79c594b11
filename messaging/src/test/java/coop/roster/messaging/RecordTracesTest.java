package coop.roster.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordTracesTest {

  private static final String FIRST = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  private static final String SECOND = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final List<Observation.Context> started = new ArrayList<>();
  private final List<Observation.Context> stopped = new ArrayList<>();
  private final List<Observation.Context> failed = new ArrayList<>();
  private final RecordTraces traces = new RecordTraces(registry());

  @Test
  void recordsOfOnePollThatShareATraceShareOneObservation() {
    List<Observation> seen = new ArrayList<>();

    traces.within("members.created.v1", batch(FIRST, FIRST, SECOND, FIRST, null), seen::addAll);

    assertThat(seen).hasSize(5);
    assertThat(seen.get(1)).isSameAs(seen.get(0));
    assertThat(seen.get(3)).isSameAs(seen.get(0));
    assertThat(seen.get(2)).isNotSameAs(seen.get(0));
    assertThat(seen.get(4)).isNotSameAs(seen.get(0)).isNotSameAs(seen.get(2));
    assertThat(started).hasSize(3);
    assertThat(stopped).containsExactlyInAnyOrderElementsOf(started);
    assertThat(seen.get(0).getContext().getHighCardinalityKeyValue("records").getValue()).isEqualTo("3");
    assertThat(seen.get(2).getContext().getHighCardinalityKeyValue("records").getValue()).isEqualTo("1");
    assertThat(seen.get(0).getContext().getLowCardinalityKeyValue("topic").getValue()).isEqualTo("members.created.v1");
  }

  @Test
  void aRecordNamedByTheWorkMarksOnlyItsTraceFailed() {
    List<Observation> seen = new ArrayList<>();

    assertThatThrownBy(() -> traces.within("members.created.v1", batch(FIRST, SECOND, SECOND), records -> {
      seen.addAll(records);
      throw new BatchListenerFailedException("unreadable", 2);
    })).isInstanceOf(BatchListenerFailedException.class);

    assertThat(failed).containsExactly(seen.get(2).getContext());
    assertThat(stopped).hasSize(2);
  }

  @Test
  void anyOtherFailureMarksEveryTraceOfThePollFailed() {
    assertThatThrownBy(() -> traces.within("members.created.v1", batch(FIRST, SECOND), records -> {
      throw new IllegalStateException("database down");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(failed).hasSize(2).containsExactlyInAnyOrderElementsOf(started);
    assertThat(stopped).hasSize(2);
  }

  private ObservationRegistry registry() {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStart(Observation.Context context) {
        started.add(context);
      }

      @Override
      public void onError(Observation.Context context) {
        failed.add(context);
      }

      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    return registry;
  }

  /** A poll's records as the binder hands them over: each record's headers, traceparent as bytes. */
  private static Message<List<byte[]>> batch(String... traceparents) {
    List<byte[]> payloads = new ArrayList<>();
    List<Map<String, Object>> headers = new ArrayList<>();
    for (String traceparent : traceparents) {
      payloads.add("{}".getBytes(StandardCharsets.UTF_8));
      headers.add(traceparent == null ? Map.of() : Map.of("traceparent", traceparent.getBytes(StandardCharsets.UTF_8)));
    }
    return MessageBuilder.withPayload(payloads).setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers).build();
  }
}

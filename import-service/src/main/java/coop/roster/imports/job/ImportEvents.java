package coop.roster.imports.job;

import coop.roster.events.ImportRowOutcome;
import coop.roster.messaging.EventRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * Binds {@code imports.outcomes.v1} in batches (see application.yml: batch size, consumer group, dead-letter
 * topic): a poll's outcomes are recorded with one bulk write.
 */
@Configuration(proxyBeanMethods = false)
class ImportEvents {

  @Bean
  Consumer<Message<List<byte[]>>> importOutcomes(OutcomeRecorder recorder) {
    return batch -> EventRecords.readBatch(batch.getPayload(), ImportRowOutcome.class, recorder::record);
  }
}

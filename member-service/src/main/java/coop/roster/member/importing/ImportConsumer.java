package coop.roster.member.importing;

import coop.roster.events.Topics;
import coop.roster.messaging.RecordTraces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * The binding of {@code members.created.v1} (batch mode, see application.yml). Payloads arrive as bytes
 * and are read one by one, so one unreadable record goes to the DLQ alone instead of failing the batch
 * (see {@link coop.roster.messaging.EventRecords} for why the binding does not convert them). Each
 * row's work continues the trace its record came with.
 */
@Configuration(proxyBeanMethods = false)
class ImportConsumer {

  @Bean
  Consumer<Message<List<byte[]>>> memberCreated(RowImport rowImport, RecordTraces traces) {
    return batch -> traces.within(Topics.MEMBERS_CREATED, batch, rows -> rowImport.accept(batch.getPayload(), rows));
  }
}

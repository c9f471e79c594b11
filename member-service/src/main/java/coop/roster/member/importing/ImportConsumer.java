package coop.roster.member.importing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.Consumer;

/**
 * The binding of {@code members.created.v1} (batch mode, see application.yml). Payloads arrive as bytes
 * and are read one by one, so one unreadable record goes to the DLQ alone instead of failing the batch
 * (see {@link coop.roster.member.messaging.EventConsumers} for why the binding does not convert them).
 */
@Configuration(proxyBeanMethods = false)
class ImportConsumer {

  @Bean
  Consumer<List<byte[]>> memberCreated(RowImport rowImport) {
    return rowImport::accept;
  }
}

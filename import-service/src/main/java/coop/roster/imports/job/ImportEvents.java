package coop.roster.imports.job;

import coop.roster.events.ImportRowOutcome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/** Binds {@code imports.outcomes.v1} (see application.yml: consumer group, dead-letter topic). */
@Configuration(proxyBeanMethods = false)
class ImportEvents {

  @Bean
  Consumer<ImportRowOutcome> importOutcomes(OutcomeRecorder recorder) {
    return recorder::record;
  }
}

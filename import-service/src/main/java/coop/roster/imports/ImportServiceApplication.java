package coop.roster.imports;

import coop.roster.imports.job.ImportSettings;
import coop.roster.imports.spreadsheet.SpreadsheetReader;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** Spreadsheet import: parsing, column mapping, validation, preview, jobs and reports. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ImportServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ImportServiceApplication.class, args);
  }

  @Bean
  SpreadsheetReader spreadsheetReader(ImportSettings settings) {
    return new SpreadsheetReader(settings.limits());
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}

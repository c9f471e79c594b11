package coop.roster.imports;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spreadsheet import: parsing, column mapping, validation, preview, jobs and reports. */
@SpringBootApplication
public class ImportServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ImportServiceApplication.class, args);
  }
}

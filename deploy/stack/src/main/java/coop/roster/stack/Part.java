package coop.roster.stack;

import java.util.List;

/** A piece of infrastructure the services need, and the variables that tell them where it is. */
public enum Part {
  KAFKA(Endpoints.KAFKA_BOOTSTRAP_SERVERS),
  MONGODB(Endpoints.MONGODB_URI),
  SMTP(Endpoints.SMTP_HOST, Endpoints.SMTP_PORT),
  KEYCLOAK(Endpoints.KEYCLOAK_URL);

  private final List<String> externalVariables;

  Part(String... externalVariables) {
    this.externalVariables = List.of(externalVariables);
  }

  /**
   * The parts this one is started after and told about: Keycloak publishes login events to Kafka
   * and sends its own mails (password reset) over SMTP.
   */
  public List<Part> needs() {
    return this == KEYCLOAK ? List.of(KAFKA, SMTP) : List.of();
  }

  /** When all of these environment variables are set, an external server is used instead. */
  public List<String> externalVariables() {
    return externalVariables;
  }
}

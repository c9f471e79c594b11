package coop.roster.stack;

/** Names of the variables that tell a service, a test or the launcher where each part is. */
public final class Endpoints {

  public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
  public static final String MONGODB_URI = "MONGODB_URI";
  public static final String SMTP_HOST = "SMTP_HOST";
  public static final String SMTP_PORT = "SMTP_PORT";
  /** GreenMail's REST API, to read the mails back; only when the launcher started GreenMail. */
  public static final String SMTP_API_URL = "SMTP_API_URL";
  public static final String KEYCLOAK_URL = "KEYCLOAK_URL";
  public static final String KEYCLOAK_ADMIN_USERNAME = "KEYCLOAK_ADMIN_USERNAME";
  public static final String KEYCLOAK_ADMIN_PASSWORD = "KEYCLOAK_ADMIN_PASSWORD";

  private Endpoints() {
  }
}

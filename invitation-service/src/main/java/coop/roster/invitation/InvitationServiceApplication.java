package coop.roster.invitation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Keycloak accounts for members, invitation e-mails and their reliable delivery. */
@SpringBootApplication
public class InvitationServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(InvitationServiceApplication.class, args);
  }
}

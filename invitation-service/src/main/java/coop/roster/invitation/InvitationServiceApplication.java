package coop.roster.invitation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** Keycloak accounts for members, invitation e-mails and their reliable delivery. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InvitationServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(InvitationServiceApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}

package coop.roster.stack;

import coop.roster.events.MemberLoggedIn;
import coop.roster.events.stream.EventMessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.converter.MessageConverter;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** A minimal application that uses every part the way the services do. */
@SpringBootApplication
class SmokeApplication {

  static final BlockingQueue<MemberLoggedIn> RECEIVED = new LinkedBlockingQueue<>();

  @Bean
  MessageConverter eventMessageConverter() {
    return new EventMessageConverter();
  }

  @Bean
  Consumer<MemberLoggedIn> recordLogin() {
    return RECEIVED::add;
  }
}

package coop.roster.imports.operations;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB's health from a {@code ping}, which every server of the protocol answers. Spring Boot's
 * own indicator sends {@code hello}, which mongo-java-server (the local stack's and the tests'
 * server) does not know, so it reported a healthy database as down; it is turned off in
 * application.yml ({@code management.health.mongo.enabled}).
 */
@Component("mongoHealthIndicator")
class MongoHealth implements HealthIndicator {

  private final MongoTemplate mongo;

  MongoHealth(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @Override
  public Health health() {
    try {
      mongo.executeCommand(new Document("ping", 1));
      return Health.up().build();
    } catch (RuntimeException e) {
      return Health.down(e).build();
    }
  }
}

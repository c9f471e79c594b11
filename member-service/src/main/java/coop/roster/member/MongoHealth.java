package coop.roster.member;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB's health by a {@code ping}, which every MongoDB and mongo-java-server answer; Boot's own
 * indicator sends {@code hello}, which mongo-java-server does not know, and so reports it down.
 * Named as Boot's, so it takes its place.
 */
@Component("mongoHealthContributor")
class MongoHealth extends AbstractHealthIndicator {

  private final MongoTemplate mongo;

  MongoHealth(MongoTemplate mongo) {
    super("MongoDB health check failed");
    this.mongo = mongo;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    mongo.executeCommand(new Document("ping", 1));
    builder.up();
  }
}

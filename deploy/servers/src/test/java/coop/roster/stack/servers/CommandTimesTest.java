package coop.roster.stack.servers;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the store's slow-command log says of a command: its collection and filter's fields, never a value. */
class CommandTimesTest {

  @Test
  void aFindIsNamedByItsCollectionFieldsOperatorsAndSortWithoutItsValues() {
    Document find = new Document("find", "members")
        .append("filter", new Document("group", "amap-des-lilas")
            .append("invitation.state", new Document("$in", List.of("REQUESTED", "SENT")))
            .append("$or", List.of(new Document("email", "elise@example.org"), new Document("partner.email", "x"))))
        .append("sort", new Document("sortName", 1));

    String described = CommandTimes.describe("roster-members", "find", find);

    assertThat(described).isEqualTo("find roster-members.members "
        + "{group: ?, invitation.state: {$in: ?}, $or: [{email: ?}, {partner.email: ?}]} sort sortName");
    assertThat(described).doesNotContain("amap", "elise", "REQUESTED");
  }

  @Test
  void writesAreNamedByTheShapesOfTheirStatementsAndInsertsByTheirCount() {
    Document update = new Document("update", "members").append("updates", List.of(
        new Document("q", new Document("_id", "m-1")), new Document("q", new Document("_id", "m-2"))));
    Document insert = new Document("insert", "members")
        .append("documents", List.of(new Document("_id", "a"), new Document("_id", "b")));

    assertThat(CommandTimes.describe("roster-members", "update", update))
        .isEqualTo("update roster-members.members 2 × {_id: ?}");
    assertThat(CommandTimes.describe("roster-members", "insert", insert))
        .isEqualTo("insert roster-members.members 2 documents");
  }
}

package coop.roster.stack.servers;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local stack's store (mongo-java-server, H2 file) with its unique indexes ordered by value: what a client
 * observes through the driver is what MongoDB promises, also after a restart and on a file an earlier version wrote.
 */
class MongoServerMainTest {

  private static final int DUPLICATE_KEY = 11000;

  @TempDir
  Path folder;

  @Test
  void documentsAreFoundByIdAndByUniqueKeyAndASecondEqualKeyIsRefused() {
    Path file = folder.resolve("roster.mv");
    MongoServerMain.HelloH2Backend backend = new MongoServerMain.HelloH2Backend(file.toString());
    with(backend, members -> {
      members.createIndex(Indexes.ascending("groupEmail"), new IndexOptions().unique(true));
      members.insertMany(members(2_000));
      assertThat(backend.getMvStore().getMapNames()).as("indexes kept in value order")
          .contains("roster-members.members._index_by_value__id_", "roster-members.members._index_by_value_groupEmail_1");

      assertThat(members.find(eq("_id", "m-1234")).first()).containsEntry("groupEmail", "g:1234@example.org");
      assertThat(members.find(Filters.in("_id", List.of("m-7", "m-1999", "m-none"))).into(new ArrayList<>()))
          .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("m-7", "m-1999");
      assertThat(members.find(eq("groupEmail", "g:42@example.org")).first()).containsEntry("_id", "m-42");
      assertThatThrownBy(() -> members.insertOne(new Document("_id", "m-other").append("groupEmail", "g:42@example.org")))
          .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
      assertThatThrownBy(() -> members.insertOne(new Document("_id", "m-42")))
          .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));

      members.updateOne(eq("_id", "m-42"), Updates.set("groupEmail", "g:renamed@example.org"));
      members.deleteOne(eq("_id", "m-43"));
      members.insertOne(new Document("_id", "m-new").append("groupEmail", "g:42@example.org"));
      assertThat(members.find(eq("groupEmail", "g:42@example.org")).first()).containsEntry("_id", "m-new");
      assertThat(members.find(eq("_id", "m-43")).first()).isNull();
    });
  }

  @Test
  void aStoreKeepsItsDocumentsAndIndexesAcrossARestart() {
    Path file = folder.resolve("roster.mv");
    with(new MongoServerMain.HelloH2Backend(file.toString()), members -> {
      members.createIndex(Indexes.ascending("groupEmail"), new IndexOptions().unique(true));
      members.insertMany(members(500));
    });

    with(new MongoServerMain.HelloH2Backend(file.toString()), members -> {
      assertThat(members.countDocuments()).isEqualTo(500);
      assertThat(members.find(eq("_id", "m-321")).first()).isNotNull();
      assertThat(members.find(eq("groupEmail", "g:321@example.org")).first()).containsEntry("_id", "m-321");
      assertThatThrownBy(() -> members.insertOne(new Document("_id", "m-x").append("groupEmail", "g:321@example.org")))
          .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
    });
  }

  @Test
  void aFileWrittenWithTheLibrarysOwnIndexesIsReadWithIndexesRebuiltFromItsDocuments() {
    Path file = folder.resolve("roster.mv");
    with(new H2Backend(file.toString()), members -> {
      members.createIndex(Indexes.ascending("groupEmail"), new IndexOptions().unique(true));
      members.insertMany(members(500));
    });

    with(new MongoServerMain.HelloH2Backend(file.toString()), members -> {
      assertThat(members.find(eq("_id", "m-123")).first()).containsEntry("groupEmail", "g:123@example.org");
      assertThat(members.find(eq("groupEmail", "g:124@example.org")).first()).containsEntry("_id", "m-124");
      assertThatThrownBy(() -> members.insertOne(new Document("_id", "m-123")))
          .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
    });
  }

  @Test
  void aQueryOnAnIdAndOtherFieldsFindsAndChangesOnlyTheDocumentsMatchingAllOfThem() {
    with(new MongoServerMain.HelloH2Backend(folder.resolve("roster.mv").toString()), members -> {
      members.insertMany(members(1_000));
      members.updateMany(Filters.in("_id", List.of("m-1", "m-2", "m-3")), Updates.set("state", "REQUESTED"));

      assertThat(members.find(Filters.and(eq("_id", "m-1"), eq("state", "REQUESTED"))).first()).isNotNull();
      assertThat(members.find(Filters.and(eq("_id", "m-4"), eq("state", "REQUESTED"))).first()).isNull();
      assertThat(members.find(Filters.and(Filters.in("_id", List.of("m-2", "m-3", "m-4")),
              Filters.or(eq("state", "REQUESTED"), eq("sortName", "name 996")))).into(new ArrayList<>()))
          .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("m-2", "m-3", "m-4");
      assertThat(members.find(new Document("$and", List.of(
              new Document("_id", new Document("$in", List.of("m-1", "m-5"))), new Document("state", "REQUESTED"))))
          .into(new ArrayList<>())).extracting(d -> d.getString("_id")).containsExactly("m-1");

      var claimed = members.updateMany(Filters.and(Filters.in("_id", List.of("m-1", "m-2", "m-9")),
          Filters.ne("state", "REQUESTED")), Updates.set("state", "REQUESTED"));
      assertThat(claimed.getModifiedCount()).isEqualTo(1);
      assertThat(members.findOneAndUpdate(Filters.and(eq("groupEmail", "g:9@example.org"), eq("state", "SENT")),
          Updates.set("state", "FAILED"))).isNull();
      members.deleteOne(Filters.and(eq("_id", "m-10"), Filters.exists("state")));
      assertThat(members.countDocuments(eq("state", "REQUESTED"))).isEqualTo(4);
      assertThat(members.countDocuments()).isEqualTo(1_000);
    });
  }

  @Test
  void everyKindOfValueAndIndexKeyComesBackAsItWasWrittenAlsoAfterARestart() {
    Path file = folder.resolve("roster.mv");
    Document member = new Document("_id", "m-rich").append("count", 42).append("big", 1L << 40).append("ratio", 0.5)
        .append("active", true).append("none", null).append("at", new Date(1_765_000_000_123L))
        .append("objectId", new ObjectId("65f1c2a9e4b0a1b2c3d4e5f6")).append("amount", Decimal128.parse("12.34"))
        .append("token", new Binary(new byte[] {1, 2, 3}))
        .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
        .append("person", new Document("firstName", "Élise").append("lastName", "Dupré")
            .append("address", new Document("city", "Lyon")))
        .append("outbox", List.of(new Document("type", "MemberAdded").append("attempts", 0), "texte", 7));
    with(new MongoServerMain.HelloH2Backend(file.toString()), members -> {
      members.createIndex(Indexes.ascending("groupEmail"), new IndexOptions().unique(true));
      members.createIndex(Indexes.ascending("nickname"), new IndexOptions().unique(true).sparse(true));
      members.insertOne(member);
      members.insertMany(members(300));
      members.insertOne(new Document("_id", "m-nick").append("groupEmail", "g:nick@example.org").append("nickname", 7L));
      assertThat(members.find(eq("_id", "m-rich")).first()).isEqualTo(member);
    });

    with(new MongoServerMain.HelloH2Backend(file.toString()), members -> {
      assertThat(members.find(eq("_id", "m-rich")).first()).isEqualTo(member);
      assertThat(members.find(eq("person.address.city", "Lyon")).first()).isEqualTo(member);
      assertThat(members.find(eq("groupEmail", "g:250@example.org")).first()).containsEntry("_id", "m-250");
      assertThat(members.find(eq("nickname", 7L)).first()).containsEntry("_id", "m-nick");
      assertThatThrownBy(() -> members.insertOne(new Document("_id", "m-twin").append("nickname", 7L)))
          .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
      assertThatThrownBy(() -> members.insertOne(new Document("_id", "m-rich")))
          .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
      assertThat(members.countDocuments()).isEqualTo(302);
    });
  }

  @Test
  void documentsAnEarlierStartWroteAreReadBesideThoseWrittenSinceAndAfterTheirNextChange() {
    Path file = folder.resolve("roster.mv");
    with(new H2Backend(file.toString()), members -> members.insertMany(members(1_000)));

    with(new MongoServerMain.HelloH2Backend(file.toString()), members -> {
      members.updateMany(Filters.in("_id", List.of("m-10", "m-500")), Updates.set("state", "SENT"));
      members.insertMany(List.of(new Document("_id", "m-new").append("groupEmail", "g:new@example.org")));
      assertThat(members.find(eq("_id", "m-11")).first()).containsEntry("sortName", "name 989");
    });

    with(new MongoServerMain.HelloH2Backend(file.toString()), members -> {
      assertThat(members.countDocuments()).isEqualTo(1_001);
      assertThat(members.find(eq("_id", "m-10")).first()).containsEntry("state", "SENT")
          .containsEntry("groupEmail", "g:10@example.org");
      assertThat(members.find(eq("_id", "m-999")).first()).containsEntry("sortName", "name 1");
      assertThat(members.find(eq("_id", "m-new")).first()).containsEntry("groupEmail", "g:new@example.org");
      assertThat(members.countDocuments(eq("state", "SENT"))).isEqualTo(2);
    });
  }

  private static List<Document> members(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new Document("_id", "m-" + i).append("groupEmail", "g:" + i + "@example.org")
            .append("sortName", "name " + (count - i)))
        .toList();
  }

  /** Serves the backend on a free port while {@code work} runs against its collection {@code members}. */
  private static void with(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
    MongoServer server = new MongoServer(backend);
    InetSocketAddress address = server.bind();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
      work.accept(client.getDatabase("roster-members").getCollection("members"));
    } finally {
      server.shutdown();
    }
  }
}

package coop.roster.stack.servers;

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
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static com.mongodb.client.model.Filters.eq;

/**
 * Not a test: the local stack's store with the library's H2 indexes and with {@link MongoServerMain}'s, back to back
 * in one JVM, on what an import and the member list ask of it — member documents inserted in batches of 500 with
 * the e-mail's unique index, read back by {@code _id} in pages, each updated by {@code _id}. Prints wall and CPU time
 * of each (and the load average, the machine being shared):
 * {@code ./mvnw -B -pl deploy/servers -am verify -Pbenchmark -Dit.test=H2IndexBenchmark}; {@code -Dbenchmark.members=N}.
 */
class H2IndexBenchmark {

  private static final int MEMBERS = Integer.getInteger("benchmark.members", 30_000);

  @TempDir
  Path folder;

  @Test
  void theLibrarysIndexesAgainstIndexesOrderedByValue() {
    run("library's H2 indexes (keys compared as serialized bytes)", H2Backend::new);
    run("MongoServerMain's (keys compared by value)", MongoServerMain.HelloH2Backend::new);
    run("library's H2 indexes again", H2Backend::new);
    run("MongoServerMain's again", MongoServerMain.HelloH2Backend::new);
  }

  private void run(String what, Function<String, MongoBackend> backend) {
    Path file = folder.resolve(System.nanoTime() + ".mv");
    MongoServer server = new MongoServer(backend.apply(file.toString()));
    InetSocketAddress address = server.bind();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
      MongoCollection<Document> members = client.getDatabase("roster-members").getCollection("members");
      members.createIndex(Indexes.ascending("groupEmail"), new IndexOptions().unique(true));
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      long cpu = cpu();
      long start = System.nanoTime();
      for (int from = 0; from < MEMBERS; from += 500) {
        members.insertMany(IntStream.range(from, Math.min(MEMBERS, from + 500)).mapToObj(H2IndexBenchmark::member)
            .toList());
      }
      long inserted = System.nanoTime();
      for (int from = 0; from < MEMBERS; from += 500) {
        List<String> ids = IntStream.range(from, Math.min(MEMBERS, from + 500)).mapToObj(i -> "m-" + i).toList();
        members.find(Filters.in("_id", ids)).into(new ArrayList<>());
      }
      long read = System.nanoTime();
      for (int i = 0; i < MEMBERS; i += 10) {
        members.updateOne(eq("_id", "m-" + i), Updates.set("updatedAt", i));
      }
      long updated = System.nanoTime();
      System.out.printf("%s, %,d members (load average %.1f): insert %.1f s, read by _id %.1f s, %,d updates by _id"
              + " %.1f s; store's CPU (this JVM) %.1f s%n", what, MEMBERS, load, (inserted - start) / 1e9,
          (read - inserted) / 1e9, MEMBERS / 10, (updated - read) / 1e9, (cpu() - cpu) / 1e9);
    } finally {
      server.shutdown();
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static Document member(int i) {
    return new Document("_id", "m-" + i).append("groupId", "amap-des-lilas")
        .append("groupEmail", "amap-des-lilas:a" + i + "@lilas.example").append("sortName", "numero " + i + " adherent")
        .append("searchText", "adherent numero " + i + " a" + i + " lilas example les lilas")
        .append("person", new Document("firstName", "Adhérent").append("lastName", "Numéro " + i)
            .append("email", "a" + i + "@lilas.example").append("phone", "+33612345678"))
        .append("address", new Document("line1", i + " rue des Lilas").append("postalCode", "93260")
            .append("city", "Les Lilas"))
        .append("outbox", List.of());
  }
}

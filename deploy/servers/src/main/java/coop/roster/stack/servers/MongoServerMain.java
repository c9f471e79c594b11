package coop.roster.stack.servers;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Runs mongo-java-server on 127.0.0.1: {@code <port> memory} keeps everything in memory (tests),
 * {@code <port> h2 <file>} persists in an H2 file (local stack). Stops cleanly on SIGTERM.
 */
public final class MongoServerMain {

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    MongoBackend backend = switch (args[1]) {
      case "memory" -> new MemoryBackend();
      case "h2" -> new H2Backend(args[2]);
      default -> throw new IllegalArgumentException("backend must be memory or h2, not " + args[1]);
    };
    backend.version(ServerVersion.MONGO_5_0);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mongo-shutdown"));
    System.out.println("mongo-java-server (" + args[1] + ") listening on 127.0.0.1:" + port);
  }

  private MongoServerMain() {
  }
}

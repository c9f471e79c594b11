package coop.roster.stack.servers;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.time.Duration;

/**
 * Runs mongo-java-server on 127.0.0.1: {@code <port> memory} keeps everything in memory (tests),
 * {@code <port> h2 <file>} persists in an H2 file (local stack). Stops cleanly on SIGTERM.
 */
public final class MongoServerMain {

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    MongoBackend backend = switch (args[1]) {
      case "memory" -> new HelloMemoryBackend();
      case "h2" -> new HelloH2Backend(args[2]);
      default -> throw new IllegalArgumentException("backend must be memory or h2, not " + args[1]);
    };
    backend.version(ServerVersion.MONGO_5_0);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mongo-shutdown"));
    System.out.println("mongo-java-server (" + args[1] + ") listening on 127.0.0.1:" + port);
  }

  /**
   * MongoDB 5 answers {@code hello} (which Spring Boot's health check sends) as it answers the
   * older {@code isMaster}; mongo-java-server knows only the latter, so we translate.
   */
  static String command(String command) {
    return "hello".equalsIgnoreCase(command) ? "isMaster" : command;
  }

  private static final class HelloMemoryBackend extends MemoryBackend {
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      return super.handleCommand(channel, database, command(command), query);
    }
  }

  /**
   * How long the H2 file keeps a chunk after its pages were rewritten. A command reads the store as it was when it
   * began; once a chunk it still needs is dropped it fails with "Chunk N not found". H2's default, 45 s, was shorter
   * than the slowest scans of a 100,000-row import on two shared cores (the member list then answered "unavailable";
   * reproduced with a 50 ms retention and slow readers). Dead chunks are kept a little longer on disk instead.
   */
  static final Duration CHUNK_RETENTION = Duration.ofMinutes(15);

  private static final class HelloH2Backend extends H2Backend {
    HelloH2Backend(String file) {
      super(open(file));
    }

    /**
     * Commits what a command wrote before its answer leaves: a write the client was told about is in the file, so
     * it survives the server being killed (SIGKILL). Left to H2's background autocommit (every second), the last
     * second of acknowledged writes was lost at a kill.
     */
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      Document answer = super.handleCommand(channel, database, command(command), query);
      if (getMvStore().hasUnsavedChanges()) {
        getMvStore().commit();
      }
      return answer;
    }

    private static MVStore open(String file) {
      MVStore store = new MVStore.Builder().fileName(file).open();
      store.setRetentionTime((int) CHUNK_RETENTION.toMillis());
      return store;
    }
  }

  private MongoServerMain() {
  }
}

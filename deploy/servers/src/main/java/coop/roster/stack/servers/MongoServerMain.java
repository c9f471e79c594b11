package coop.roster.stack.servers;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

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

  private static final class HelloH2Backend extends H2Backend {
    HelloH2Backend(String file) {
      super(file);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      return super.handleCommand(channel, database, command(command), query);
    }
  }

  private MongoServerMain() {
  }
}

package coop.roster.stack.servers;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final CommandTimes times = CommandTimes.fromEnvironment();

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      return times.time(database, command, query, () -> super.handleCommand(channel, database, command(command), query));
    }
  }

  /**
   * How long the H2 file keeps a chunk after its pages were rewritten. A command reads the store as it was when it
   * began; once a chunk it still needs is dropped it fails with "Chunk N not found". H2's default, 45 s, was shorter
   * than the slowest scans of a 100,000-row import on two shared cores (the member list then answered "unavailable";
   * reproduced with a 50 ms retention and slow readers). Dead chunks are kept a little longer on disk instead.
   */
  static final Duration CHUNK_RETENTION = Duration.ofMinutes(15);

  /**
   * H2's page cache: a quarter of the heap. Its default, 16 MB, held a fraction of a 100,000-member roster, so each
   * write by {@code _id} read its page back from the file and Java-deserialized every document on it: 60 % of the
   * updates' time in a JFR of the local stack's import.
   */
  static int cacheMegabytes() {
    return (int) Math.max(16, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));
  }

  static final class HelloH2Backend extends H2Backend {
    /** The library's names for a collection's maps in the file (its constants are not visible here). */
    private static final String DATABASES_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private final CommandTimes times = CommandTimes.fromEnvironment();

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
      return times.time(database, command, query, () -> {
        Document answer = super.handleCommand(channel, database, command(command), query);
        if (getMvStore().hasUnsavedChanges()) {
          getMvStore().commit();
        }
        return answer;
      });
    }

    private static MVStore open(String file) {
      MVStore store = new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes()).open();
      store.setRetentionTime((int) CHUNK_RETENTION.toMillis());
      return store;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
      return new ValueOrderedDatabase(databaseName);
    }

    /**
     * mongo-java-server's H2 database, with unique indexes (the {@code _id} index among them) whose keys compare as
     * values. The library opens each index as an MVMap of H2's default key type, which orders a {@link KeyValue} by
     * its Java-serialized bytes: every comparison of a B-tree lookup serialized two keys. JFR of the local stack's
     * 100,000-row import: 41 % of mongo-java-server's CPU, and most of its allocations (11 % of the time in GC
     * pauses). Inner, not static: the library's constructor opens the indexes before a subclass could keep the store.
     */
    private final class ValueOrderedDatabase extends H2Database {
      ValueOrderedDatabase(String databaseName) {
        super(databaseName, getMvStore(), getCursorRegistry());
      }

      /** The library's collection, over a data map whose documents are kept as BSON ({@link BsonDocuments}). */
      @Override
      protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String name = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = getMvStore().openMap(DATABASES_PREFIX + name,
            new MVMap.Builder<Object, Document>().valueType(new BsonDocuments()));
        MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + name);
        return new H2Collection(this, collectionName, options, data, meta, cursorRegistry);
      }

      @Override
      protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
          boolean sparse) {
        // A name of its own: an index kept in byte order by an earlier start is not read in value order; the
        // library fills an empty index from the collection when it opens it.
        MVMap<KeyValue, Object> map = getMvStore().openMap(mapName(collectionName, indexName),
            new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrderedKeys()));
        return new ValueOrderedIndex(map, indexName, keys, sparse);
      }

      @Override
      protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        getMvStore().removeMap(mapName(collection.getCollectionName(), indexName));
      }

      private String mapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_by_value_" + indexName;
      }
    }
  }

  /**
   * H2's object type, ordering index keys by their values (mongo-java-server's own order, then H2's for keys that
   * order compares equal but that are not equal), and keeping them as BSON: Java-serialized, as H2's object type keeps
   * them, they cost a quarter of the store's CPU in the local stack's import once documents were BSON. Keys an earlier
   * start wrote are read as they were written; a key BSON cannot hold (a missing field) is written as before.
   */
  static final class ValueOrderedKeys extends ObjectDataType {
    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();
    /** What a key takes on the heap: the key and its list, and for each value its reference and the value itself. */
    private static final int KEY_MEMORY = 64;
    private static final int VALUE_MEMORY = 48;

    @Override
    public int getMemory(Object key) {
      return key instanceof KeyValue value ? KEY_MEMORY + VALUE_MEMORY * value.size() : super.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
      if (!(key instanceof KeyValue value) || BsonDocuments.writeBson(buffer, fields(value)) < 0) {
        super.write(buffer, key);
      }
    }

    @Override
    public Object read(ByteBuffer buffer) {
      return BsonDocuments.isBson(buffer) ? new KeyValue(BsonDocuments.readBson(buffer).values()) : super.read(buffer);
    }

    private static Map<String, Object> fields(KeyValue value) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (int i = 0; i < value.size(); i++) {
        fields.put(Integer.toString(i), value.get(i));
      }
      return fields;
    }

    @Override
    public int compare(Object a, Object b) {
      if (a instanceof KeyValue left && b instanceof KeyValue right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
          int order = VALUES.compare(left.get(i), right.get(i));
          if (order != 0) {
            return order;
          }
        }
        int order = Integer.compare(left.size(), right.size());
        if (order != 0 || left.equals(right)) {
          return order;
        }
      }
      return super.compare(a, b);
    }
  }

  /** A unique index in an MVMap, as the library's {@code H2UniqueIndex} (whose constructor is not public). */
  static final class ValueOrderedIndex extends AbstractUniqueIndex<Object> {
    private final MVMap<KeyValue, Object> map;

    ValueOrderedIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
      super(name, keys, sparse);
      this.map = map;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
      return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
      return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    /**
     * Also a query naming more fields than this index's one, found by this field's value (or {@code $in}) at its top
     * level or in a top-level {@code $and}: the library serves only a query on exactly the index's fields and scans
     * the whole collection, under its lock, for any other (a conditional write by {@code _id}, a lease taken over).
     * The collection checks every document found here against the whole query, as it does for the library's own
     * index lookups.
     */
    @Override
    public synchronized boolean canHandle(Document query) {
      return super.canHandle(query) || servedPart(query) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
      Document part = super.canHandle(query) ? null : servedPart(query);
      return super.getPositions(part == null ? query : part);
    }

    /** The conjunct of the query on this index's field that the index can answer alone, or null. */
    private Document servedPart(Document query) {
      if (keys().size() != 1) {
        return null;
      }
      String key = keys().getFirst();
      if (query.containsKey(key)) {
        Document part = new Document(key, query.get(key));
        return super.canHandle(part) ? part : null;
      }
      if (query.get("$and") instanceof List<?> conjuncts) {
        for (Object conjunct : conjuncts) {
          if (conjunct instanceof Document document) {
            Document part = servedPart(document);
            if (part != null) {
              return part;
            }
          }
        }
      }
      return null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
      return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
      return map.get(key);
    }

    @Override
    public long getCount() {
      return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public long getDataSize() {
      return getCount();
    }
  }

  private MongoServerMain() {
  }
}

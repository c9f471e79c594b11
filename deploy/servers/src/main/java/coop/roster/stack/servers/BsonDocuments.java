package coop.roster.stack.servers;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * How a collection's documents are kept in the H2 file: as BSON, the bytes they come in on the wire. The library leaves
 * them to H2's object type, which Java-serializes each document, class descriptors and all; and H2 writes a changed
 * page whole at every commit and decodes every document of a page it reads from the file. In a JFR of
 * mongo-java-server during the local stack's 100,000-row import, Java serialization and deserialization were 57 % of
 * its CPU, the store being the one process at a full core. Documents an earlier start wrote, Java-serialized, are
 * still read, and are written as BSON the next time their page is.
 */
final class BsonDocuments extends BasicDataType<Document> {

  /** The first byte of a document kept as BSON: H2's object type begins a value with a tag below 128. */
  static final byte BSON = (byte) 0xB5;
  /**
   * What a decoded document takes on the heap, for each byte of its BSON (its strings and maps), which H2 counts its
   * page cache in; about what H2 estimated for a Java-serialized document, twice its serialized bytes (an imported
   * member: 666 bytes of BSON, 1,132 Java-serialized, so 2,264 then and 2,664 now).
   */
  static final int HEAP_PER_BSON_BYTE = 4;

  private final ObjectDataType javaSerialized = new ObjectDataType();
  /** The size of the documents written lately, as H2's object type keeps it: a moving average, races harmless. */
  private int averageBsonBytes = 512;

  @Override
  public int getMemory(Document document) {
    return averageBsonBytes * HEAP_PER_BSON_BYTE;
  }

  @Override
  public void write(WriteBuffer buffer, Document document) {
    int length = writeBson(buffer, document);
    if (length < 0) {
      // A value BSON has no type for: mongo-java-server could not answer it either; kept as H2 keeps it.
      javaSerialized.write(buffer, document);
    } else {
      averaged(length);
    }
  }

  @Override
  public Document read(ByteBuffer buffer) {
    return isBson(buffer) ? readBson(buffer) : (Document) javaSerialized.read(buffer);
  }

  /**
   * Writes the marker, the length and the BSON of {@code fields}, and answers the length; or writes nothing and answers
   * -1 when a value has no BSON type (mongo-java-server's {@code Missing}, for one).
   */
  static int writeBson(WriteBuffer buffer, Map<String, ?> fields) {
    ByteBuf bson = Unpooled.buffer(256);
    try {
      BsonEncoder.encodeDocument(fields, bson);
      int length = bson.readableBytes();
      buffer.put(BSON).putVarInt(length).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
      return length;
    } catch (IllegalArgumentException noBsonType) {
      return -1;
    } finally {
      bson.release();
    }
  }

  /** Whether the value at the buffer's position was written by {@link #writeBson(WriteBuffer, Map)}. */
  static boolean isBson(ByteBuffer buffer) {
    return buffer.get(buffer.position()) == BSON;
  }

  /** The document {@link #writeBson(WriteBuffer, Map)} wrote at the buffer's position, which it moves past it. */
  static Document readBson(ByteBuffer buffer) {
    buffer.get();
    int length = DataUtils.readVarInt(buffer);
    Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(buffer.position(), length)));
    buffer.position(buffer.position() + length);
    return document;
  }

  @Override
  public Document[] createStorage(int size) {
    return new Document[size];
  }

  private void averaged(int length) {
    averageBsonBytes = (int) ((length + 15L * averageBsonBytes) / 16);
  }
}
